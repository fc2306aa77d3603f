//! wgpu on the Vulkan device the OpenXR runtime chooses (`XR_KHR_vulkan_enable2`): the
//! runtime creates the Vulkan instance and device (adding what it needs), wgpu-hal wraps them,
//! and the swapchain's images become wgpu textures. The same route bevy's OpenXR plugins take.
#![allow(unsafe_code)]

use anyhow::{Context, Result, bail};
use ash::vk::{self, Handle};
use openxr as xr;

/// wgpu's Vulkan backend.
type Vulkan = wgpu_hal::api::Vulkan;

/// The Vulkan version asked of the runtime.
const VK_VERSION: u32 = vk::make_api_version(0, 1, 3, 0);

/// wgpu on the runtime's device, and the raw handles the session needs.
#[derive(Debug)]
pub struct XrGpu {
    /// wgpu's device.
    pub device: wgpu::Device,
    /// wgpu's queue (the one the runtime was told about).
    pub queue: wgpu::Queue,
    /// For `xr::vulkan::SessionCreateInfo`.
    pub session_info: SessionHandles,
}

/// Raw Vulkan handles for creating the OpenXR session.
#[derive(Debug, Clone, Copy)]
pub struct SessionHandles {
    instance: u64,
    physical_device: u64,
    device: u64,
    queue_family_index: u32,
}

impl SessionHandles {
    /// The session create info for these handles.
    pub fn create_info(&self) -> xr::vulkan::SessionCreateInfo {
        xr::vulkan::SessionCreateInfo {
            instance: self.instance as _,
            physical_device: self.physical_device as _,
            device: self.device as _,
            queue_family_index: self.queue_family_index,
            queue_index: 0,
        }
    }
}

/// Creates Vulkan through the runtime and wraps it in wgpu.
pub fn create(xr_instance: &xr::Instance, system: xr::SystemId) -> Result<XrGpu> {
    let reqs = xr_instance
        .graphics_requirements::<xr::Vulkan>(system)
        .context("the OpenXR runtime gave no Vulkan requirements")?;
    let wanted = xr::Version::new(1, 3, 0);
    if wanted < reqs.min_api_version_supported || wanted.major() > reqs.max_api_version_supported.major() {
        bail!(
            "the OpenXR runtime needs Vulkan {} to {}, this client uses 1.3",
            reqs.min_api_version_supported,
            reqs.max_api_version_supported
        );
    }
    // SAFETY: loading the system Vulkan loader runs its initialisation; nothing else is shared.
    let entry = unsafe { ash::Entry::load() }
        .context("no Vulkan loader (libvulkan.so.1): install a Vulkan driver (Debian: mesa-vulkan-drivers)")?;
    let flags = wgpu::InstanceFlags::empty();
    let extensions = wgpu_hal::vulkan::Instance::desired_extensions(&entry, VK_VERSION, flags)
        .map_err(|e| anyhow::anyhow!("cannot list Vulkan instance extensions: {e}"))?;
    let extension_ptrs: Vec<*const std::ffi::c_char> = extensions.iter().map(|e| e.as_ptr()).collect();
    let app = vk::ApplicationInfo::default()
        .application_name(c"crossdock-headset")
        .engine_name(c"crossdock")
        .api_version(VK_VERSION);
    let create_info = vk::InstanceCreateInfo::default().application_info(&app).enabled_extension_names(&extension_ptrs);
    let gipa = get_instance_proc_addr(&entry);
    // SAFETY: `gipa` is the loader's vkGetInstanceProcAddr; `create_info` and the strings it
    // points to outlive the call.
    let raw_instance =
        unsafe { xr_instance.create_vulkan_instance(system, gipa, &create_info as *const _ as *const _) }
            .context("the OpenXR runtime failed to create the Vulkan instance")?
            .map_err(|e| anyhow::anyhow!("Vulkan refused the instance: {:?}", vk::Result::from_raw(e)))?;
    // SAFETY: the instance was just created from this entry.
    let instance = unsafe { ash::Instance::load(entry.static_fn(), vk::Instance::from_raw(raw_instance as _)) };
    // SAFETY: `instance` was created from `entry` with `extensions` at VK_VERSION and no
    // debug layer; the drop callback keeps ownership with us (the instance lives until exit).
    let hal_instance = unsafe {
        wgpu_hal::vulkan::Instance::from_raw(
            entry,
            instance.clone(),
            VK_VERSION,
            0,
            None,
            extensions,
            flags,
            Default::default(),
            false,
            Some(Box::new(|| ())),
        )
    }
    .map_err(|e| anyhow::anyhow!("wgpu cannot use the Vulkan instance: {e}"))?;
    // SAFETY: the instance handle is the live Vulkan instance the runtime created above.
    let raw_physical = unsafe { xr_instance.vulkan_graphics_device(system, instance.handle().as_raw() as _) }
        .context("the OpenXR runtime named no Vulkan device")?;
    let physical = vk::PhysicalDevice::from_raw(raw_physical as _);
    let exposed =
        hal_instance.expose_adapter(physical).context("wgpu cannot use the Vulkan device the OpenXR runtime chose")?;
    let features = wgpu::Features::empty();
    let limits = exposed.capabilities.limits.clone();
    let device_extensions = exposed.adapter.required_device_extensions(features);
    let mut device_features = exposed.adapter.physical_device_features(&device_extensions, features);
    // SAFETY: `physical` belongs to `instance`.
    let families = unsafe { instance.get_physical_device_queue_family_properties(physical) };
    let family = families
        .iter()
        .position(|f| f.queue_flags.contains(vk::QueueFlags::GRAPHICS))
        .context("the Vulkan device has no graphics queue")? as u32;
    let priorities = [1.0];
    let queues = [vk::DeviceQueueCreateInfo::default().queue_family_index(family).queue_priorities(&priorities)];
    let device_extension_ptrs: Vec<*const std::ffi::c_char> = device_extensions.iter().map(|e| e.as_ptr()).collect();
    let device_info = device_features.add_to_device_create(
        vk::DeviceCreateInfo::default().queue_create_infos(&queues).enabled_extension_names(&device_extension_ptrs),
    );
    // SAFETY: as for the instance; `device_info` and everything it points to outlive the call.
    let raw_device =
        unsafe { xr_instance.create_vulkan_device(system, gipa, raw_physical, &device_info as *const _ as *const _) }
            .context("the OpenXR runtime failed to create the Vulkan device")?
            .map_err(|e| anyhow::anyhow!("Vulkan refused the device: {:?}", vk::Result::from_raw(e)))?;
    // SAFETY: the device was just created on `physical` of `instance`.
    let device = unsafe { ash::Device::load(instance.fp_v1_0(), vk::Device::from_raw(raw_device as _)) };
    // SAFETY: `device` was created from this adapter with `device_extensions` and
    // `device_features` on queue family `family`; we keep ownership (drop callback).
    let open = unsafe {
        exposed.adapter.device_from_raw(
            device,
            Some(Box::new(|| ())),
            &device_extensions,
            features,
            &limits,
            &wgpu::MemoryHints::Performance,
            family,
            0,
        )
    }
    .map_err(|e| anyhow::anyhow!("wgpu cannot use the Vulkan device: {e}"))?;
    // SAFETY: the hal instance, adapter and device are valid and created from one another.
    let (device, queue) = unsafe {
        let wgpu_instance = wgpu::Instance::from_hal::<Vulkan>(hal_instance);
        let adapter = wgpu_instance.create_adapter_from_hal(exposed);
        adapter.create_device_from_hal(
            open,
            &wgpu::DeviceDescriptor {
                label: Some("crossdock-headset"),
                required_features: features,
                required_limits: limits,
                ..Default::default()
            },
        )
    }
    .context("wgpu cannot open the device")?;
    let session_info = SessionHandles {
        instance: instance.handle().as_raw(),
        physical_device: physical.as_raw(),
        device: raw_device as u64,
        queue_family_index: family,
    };
    Ok(XrGpu { device, queue, session_info })
}

/// The loader's `vkGetInstanceProcAddr`, typed as OpenXR declares it.
fn get_instance_proc_addr(entry: &ash::Entry) -> xr::sys::platform::VkGetInstanceProcAddr {
    // SAFETY: one C function; ash and openxr-sys spell its handle and pointer types differently
    // (`vk::Instance` and `*const c_char` against opaque pointers), with the same ABI.
    unsafe {
        std::mem::transmute::<vk::PFN_vkGetInstanceProcAddr, xr::sys::platform::VkGetInstanceProcAddr>(
            entry.static_fn().get_instance_proc_addr,
        )
    }
}

/// The wgpu format of a swapchain format the runtime offers, preferring sRGB 8-bit colour.
pub fn pick_format(offered: &[u32]) -> Option<(u32, wgpu::TextureFormat)> {
    let known = [
        (vk::Format::R8G8B8A8_SRGB, wgpu::TextureFormat::Rgba8UnormSrgb),
        (vk::Format::B8G8R8A8_SRGB, wgpu::TextureFormat::Bgra8UnormSrgb),
        (vk::Format::R8G8B8A8_UNORM, wgpu::TextureFormat::Rgba8Unorm),
        (vk::Format::B8G8R8A8_UNORM, wgpu::TextureFormat::Bgra8Unorm),
    ];
    known.into_iter().find(|(vk, _)| offered.contains(&(vk.as_raw() as u32))).map(|(vk, f)| (vk.as_raw() as u32, f))
}

/// Wraps one swapchain image (both eyes as two array layers) as a wgpu texture. The runtime
/// keeps owning the image.
pub fn wrap_image(
    device: &wgpu::Device,
    image: u64,
    format: wgpu::TextureFormat,
    (width, height): (u32, u32),
) -> Result<wgpu::Texture> {
    let size = wgpu::Extent3d { width, height, depth_or_array_layers: 2 };
    let hal_desc = wgpu_hal::TextureDescriptor {
        label: Some("xr swapchain"),
        size,
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format,
        usage: wgpu::TextureUses::COLOR_TARGET,
        memory_flags: wgpu_hal::MemoryFlags::empty(),
        view_formats: Vec::new(),
    };
    // SAFETY: the device is wgpu's Vulkan device (made in `create`).
    let hal_device = unsafe { device.as_hal::<Vulkan>() }.context("the wgpu device is not Vulkan")?;
    // SAFETY: `image` is a live swapchain image created by the runtime with `size` and `format`
    // as colour attachment; the no-op drop callback leaves it to the runtime.
    let hal_texture = unsafe {
        hal_device.texture_from_raw(
            vk::Image::from_raw(image),
            &hal_desc,
            Some(Box::new(|| ())),
            wgpu_hal::vulkan::TextureMemory::External,
        )
    };
    drop(hal_device);
    let desc = wgpu::TextureDescriptor {
        label: Some("xr swapchain"),
        size,
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format,
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
        view_formats: &[],
    };
    // SAFETY: the hal texture was made from this device and matches `desc`; its contents are
    // cleared by every frame, so it starts as uninitialised.
    Ok(unsafe { device.create_texture_from_hal::<Vulkan>(hal_texture, &desc, wgpu::TextureUses::UNINITIALIZED) })
}

/// Opens the system's OpenXR loader (`libopenxr_loader.so.1`).
pub fn load_entry() -> std::result::Result<xr::Entry, xr::EntryError> {
    // SAFETY: the system OpenXR loader implements the OpenXR ABI the crate binds.
    unsafe { xr::Entry::load(&()) }
}

/// Creates the Vulkan session on `gpu`'s device.
pub fn create_session(
    instance: &xr::Instance,
    system: xr::SystemId,
    gpu: &XrGpu,
) -> xr::Result<(xr::Session<xr::Vulkan>, xr::FrameWaiter, xr::FrameStream<xr::Vulkan>)> {
    // SAFETY: the handles are the instance, device and queue family created for this system in
    // `create`, and they outlive the session (held by wgpu until exit).
    unsafe { instance.create_session::<xr::Vulkan>(system, &gpu.session_info.create_info()) }
}

/// The runtime's display times on our clock, through `XR_KHR_convert_timespec_time`: the
/// runtime says when a frame will be shown as a `CLOCK_MONOTONIC` time, the clock `Instant`
/// reads on Linux.
pub struct DisplayClock {
    instance: xr::sys::Instance,
    convert: Option<xr::sys::pfn::ConvertTimeToTimespecTimeKHR>,
}

impl std::fmt::Debug for DisplayClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DisplayClock").field("exact", &self.convert.is_some()).finish()
    }
}

impl DisplayClock {
    /// Uses the extension if the instance enabled it.
    pub fn new(instance: &xr::Instance) -> DisplayClock {
        let convert = instance.exts().khr_convert_timespec_time.map(|e| e.convert_time_to_timespec_time);
        DisplayClock { instance: instance.as_raw(), convert }
    }

    /// Whether the runtime converts its times (else they are estimated).
    pub fn exact(&self) -> bool {
        self.convert.is_some()
    }

    /// `time` as an `Instant`, if the runtime can convert it.
    pub fn instant(&self, time: xr::Time) -> Option<std::time::Instant> {
        let convert = self.convert?;
        let mut at = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: the function pointer was loaded for this live instance; `at` is a valid
        // timespec for it to write.
        if unsafe { convert(self.instance, time, &mut at) } != xr::sys::Result::SUCCESS {
            return None;
        }
        let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: clock_gettime writes one timespec into `now`.
        if unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut now) } != 0 {
            return None;
        }
        let instant_now = std::time::Instant::now();
        let ns = |t: &libc::timespec| i128::from(t.tv_sec) * 1_000_000_000 + i128::from(t.tv_nsec);
        let ahead = ns(&at) - ns(&now);
        let by = std::time::Duration::from_nanos(ahead.unsigned_abs().min(u128::from(u64::MAX)) as u64);
        if ahead >= 0 { Some(instant_now + by) } else { instant_now.checked_sub(by) }
    }
}
