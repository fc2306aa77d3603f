//! Screenshots: one view rendered offscreen, read back and written as a PNG.

use std::path::Path;

use anyhow::{Context, Result};

/// Has `draw` render a frame of `size` into a new texture of `format` (the renderers'), reads
/// it back and writes `path` as an 8-bit RGBA PNG.
pub fn write_png(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    format: wgpu::TextureFormat,
    size: (u32, u32),
    path: &Path,
    draw: impl FnOnce(&wgpu::TextureView),
) -> Result<()> {
    let rgba = render_rgba(device, queue, format, size, draw)?;
    save_png(path, size, &rgba)
}

/// An offscreen colour target of `size` that can be read back.
pub fn target(device: &wgpu::Device, format: wgpu::TextureFormat, size: (u32, u32)) -> wgpu::Texture {
    device.create_texture(&wgpu::TextureDescriptor {
        label: Some("offscreen"),
        size: wgpu::Extent3d { width: size.0, height: size.1, depth_or_array_layers: 1 },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format,
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
        view_formats: &[],
    })
}

/// Has `draw` render offscreen and returns the pixels, row by row, RGBA.
pub fn render_rgba(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    format: wgpu::TextureFormat,
    size: (u32, u32),
    draw: impl FnOnce(&wgpu::TextureView),
) -> Result<Vec<u8>> {
    let texture = target(device, format, size);
    draw(&texture.create_view(&Default::default()));
    let row = size.0 * 4;
    let padded = row.div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT) * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT;
    let buffer = device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("screenshot readback"),
        size: u64::from(padded) * u64::from(size.1),
        usage: wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::MAP_READ,
        mapped_at_creation: false,
    });
    let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("readback") });
    encoder.copy_texture_to_buffer(
        texture.as_image_copy(),
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout { offset: 0, bytes_per_row: Some(padded), rows_per_image: None },
        },
        wgpu::Extent3d { width: size.0, height: size.1, depth_or_array_layers: 1 },
    );
    queue.submit([encoder.finish()]);
    let (tx, rx) = std::sync::mpsc::channel();
    buffer.slice(..).map_async(wgpu::MapMode::Read, move |r| {
        let _ = tx.send(r);
    });
    device.poll(wgpu::PollType::wait_indefinitely()).context("the GPU did not finish the screenshot")?;
    rx.recv().context("the screenshot readback was dropped")?.context("cannot map the screenshot")?;
    let bgra = matches!(format, wgpu::TextureFormat::Bgra8Unorm | wgpu::TextureFormat::Bgra8UnormSrgb);
    let mapped =
        buffer.slice(..).get_mapped_range().map_err(|e| anyhow::anyhow!("cannot read the screenshot back: {e:?}"))?;
    let mut rgba = Vec::with_capacity((row * size.1) as usize);
    for y in 0..size.1 {
        let start = (y * padded) as usize;
        for px in mapped[start..start + row as usize].chunks_exact(4) {
            if bgra {
                rgba.extend_from_slice(&[px[2], px[1], px[0], 255]);
            } else {
                rgba.extend_from_slice(&[px[0], px[1], px[2], 255]);
            }
        }
    }
    Ok(rgba)
}

/// Writes RGBA pixels as a PNG.
pub fn save_png(path: &Path, (width, height): (u32, u32), rgba: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot write the screenshot {}", path.display()))?;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header()?.write_image_data(rgba)?;
    Ok(())
}

/// The share of `rgba`'s pixels within `tolerance` (0–255 per channel) of one of the
/// sRGB-encoded colours `linear`, each lit anywhere between `shade_low` and 1.0 of itself: how
/// much of a screenshot shows given surfaces (each pixel counted once).
pub fn share_of(rgba: &[u8], linear: &[[f32; 3]], shade_low: f32, tolerance: f32) -> f64 {
    let steps = 8;
    let candidates: Vec<[f32; 3]> = linear
        .iter()
        .flat_map(|colour| {
            (0..=steps).map(move |i| {
                let k = shade_low + (1.0 - shade_low) * i as f32 / steps as f32;
                colour.map(|c| srgb_encode(c * k) * 255.0)
            })
        })
        .collect();
    let total = rgba.len() / 4;
    let hits = rgba
        .chunks_exact(4)
        .filter(|px| candidates.iter().any(|c| (0..3).all(|i| (f32::from(px[i]) - c[i]).abs() <= tolerance)))
        .count();
    hits as f64 / total.max(1) as f64
}

/// The share of `rgba`'s pixels for which `keep` holds.
pub fn share_where(rgba: &[u8], keep: impl Fn([u8; 3]) -> bool) -> f64 {
    let total = rgba.len() / 4;
    let hits = rgba.chunks_exact(4).filter(|px| keep([px[0], px[1], px[2]])).count();
    hits as f64 / total.max(1) as f64
}

/// Whether a pixel shows the container's blue paint (however lit): blue well above red and
/// above green.
pub fn blue_paint([r, g, b]: [u8; 3]) -> bool {
    i16::from(b) > i16::from(r) + 25 && i16::from(b) > i16::from(g) + 8
}

/// Whether a pixel shows anything but the sky's clear colour.
pub fn not_sky(px: [u8; 3]) -> bool {
    let sky = [crate::scene::SKY.r, crate::scene::SKY.g, crate::scene::SKY.b].map(|c| srgb_encode(c as f32) * 255.0);
    (0..3).any(|i| (f32::from(px[i]) - sky[i]).abs() > 4.0)
}

/// Linear to sRGB transfer.
fn srgb_encode(c: f32) -> f32 {
    let c = c.clamp(0.0, 1.0);
    if c <= 0.003_130_8 { c * 12.92 } else { 1.055 * c.powf(1.0 / 2.4) - 0.055 }
}

/// Reads a PNG back as (width, height, RGBA pixels).
pub fn load_png(path: &Path) -> Result<(u32, u32, Vec<u8>)> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info()?;
    let mut buf = vec![0; reader.output_buffer_size().context("the PNG is too large")?];
    let info = reader.next_frame(&mut buf)?;
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf.chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect(),
        other => anyhow::bail!("{}: unexpected PNG colour type {other:?}", path.display()),
    };
    Ok((info.width, info.height, rgba))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_round_trips_and_the_share_of_a_colour_is_measured() {
        let blue = crate::container::BLUE.map(|c| (srgb_encode(c) * 255.0).round() as u8);
        let mut rgba = Vec::new();
        for i in 0..100 {
            let px = if i < 30 { [blue[0], blue[1], blue[2], 255] } else { [40, 40, 40, 255] };
            rgba.extend_from_slice(&px);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shot.png");
        save_png(&path, (10, 10), &rgba).unwrap();
        let (w, h, back) = load_png(&path).unwrap();
        assert_eq!((w, h), (10, 10));
        assert_eq!(back, rgba);
        let share = share_of(&back, &[crate::container::BLUE], 0.6, 6.0);
        assert!((share - 0.3).abs() < 1e-9, "{share}");
        assert!((share_where(&back, blue_paint) - 0.3).abs() < 1e-9);
        assert!((share_where(&back, not_sky) - 1.0).abs() < 1e-9, "dark grey is not the sky");
    }
}
