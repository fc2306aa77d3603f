// Crossdock's scene shader: instanced meshes with per-vertex materials, lit by a hemisphere
// sky, the sun (with one shadow map and specular highlights), the daylight through the open
// doors inside the container, and a flashlight's cone. Materials vary procedurally with world
// position (paint speckle and rust, wood grain, cardboard fibre), so no art files are needed.

struct Camera {
    view_proj: mat4x4<f32>,
    shadow_proj: mat4x4<f32>,
    sun: vec4<f32>,
    eye: vec4<f32>,
    flash_pos: vec4<f32>,   // w: 1 while on
    flash_dir: vec4<f32>,   // w: cosine of the cone's half angle
    room_min: vec4<f32>,    // w: how far the doors are open
    room_max: vec4<f32>,    // w: 1 when the roof is off
};
@group(0) @binding(0) var<uniform> camera: Camera;
@group(0) @binding(1) var shadow_map: texture_depth_2d;
@group(0) @binding(2) var shadow_sampler: sampler_comparison;
@group(0) @binding(3) var atlas: texture_2d<f32>;
@group(0) @binding(4) var atlas_sampler: sampler;

struct VertexIn {
    @location(0) position: vec3<f32>,
    @location(1) normal: vec3<f32>,
    @location(2) colour: vec4<f32>,
    @location(3) uv: vec2<f32>,
};

struct InstanceIn {
    @location(4) m0: vec4<f32>,
    @location(5) m1: vec4<f32>,
    @location(6) m2: vec4<f32>,
    @location(7) m3: vec4<f32>,
    @location(8) tint: vec4<f32>,
};

struct VertexOut {
    @builtin(position) clip: vec4<f32>,
    @location(0) colour: vec3<f32>,
    @location(1) normal: vec3<f32>,
    @location(2) world: vec3<f32>,
    @location(3) uv: vec2<f32>,
    @location(4) @interpolate(flat) material: u32,
    // A debrief's ghost: drawn through a screen door, every other pixel, so the room shows
    // through it without sorting.
    @location(5) @interpolate(flat) ghost: u32,
};

const UNLIT: u32 = 0u;
const PAINT: u32 = 1u;
const STEEL: u32 = 2u;
const WOOD: u32 = 3u;
const CARDBOARD: u32 = 4u;
const RUBBER: u32 = 5u;
const DECAL: u32 = 6u;
const WELD: u32 = 7u;
const PLASTIC: u32 = 8u;
const CLOTH: u32 = 9u;
const WRAP: u32 = 10u;
const FRESH_PAINT: u32 = 11u;

@vertex
fn vs(v: VertexIn, i: InstanceIn) -> VertexOut {
    let model = mat4x4<f32>(i.m0, i.m1, i.m2, i.m3);
    let world = model * vec4<f32>(v.position, 1.0);
    var out: VertexOut;
    out.clip = camera.view_proj * world;
    out.world = world.xyz;
    // The normal through the inverse transpose: for a turn times a scale along the axes, that
    // is the model matrix applied to the normal divided by the squared scales.
    let s = vec3<f32>(dot(i.m0.xyz, i.m0.xyz), dot(i.m1.xyz, i.m1.xyz), dot(i.m2.xyz, i.m2.xyz));
    out.normal = (model * vec4<f32>(v.normal / max(s, vec3<f32>(1e-8)), 0.0)).xyz;
    out.colour = v.colour.rgb * i.tint.rgb;
    out.uv = v.uv;
    out.material = select(u32(round(i.tint.a)), u32(round(v.colour.a)), i.tint.a < -0.5);
    out.ghost = select(0u, 1u, i.tint.a < -2.0);
    return out;
}

@vertex
fn vs_shadow(v: VertexIn, i: InstanceIn) -> @builtin(position) vec4<f32> {
    let model = mat4x4<f32>(i.m0, i.m1, i.m2, i.m3);
    return camera.view_proj * model * vec4<f32>(v.position, 1.0);
}

fn hash3(p: vec3<f32>) -> f32 {
    let q = fract(p * 0.3183099 + vec3<f32>(0.1, 0.2, 0.3)) * 17.0;
    return fract(q.x * q.y * q.z * (q.x + q.y + q.z));
}

// Value noise in three dimensions.
fn noise(p: vec3<f32>) -> f32 {
    let i = floor(p);
    let f = fract(p);
    let u = f * f * (3.0 - 2.0 * f);
    let a = mix(mix(hash3(i), hash3(i + vec3<f32>(1.0, 0.0, 0.0)), u.x),
                mix(hash3(i + vec3<f32>(0.0, 1.0, 0.0)), hash3(i + vec3<f32>(1.0, 1.0, 0.0)), u.x), u.y);
    let b = mix(mix(hash3(i + vec3<f32>(0.0, 0.0, 1.0)), hash3(i + vec3<f32>(1.0, 0.0, 1.0)), u.x),
                mix(hash3(i + vec3<f32>(0.0, 1.0, 1.0)), hash3(i + vec3<f32>(1.0, 1.0, 1.0)), u.x), u.y);
    return mix(a, b, u.z);
}

// Two octaves: on a software rasteriser every octave costs a visible share of the frame.
fn fbm(p: vec3<f32>) -> f32 {
    return 0.62 * noise(p) + 0.38 * noise(p * 2.03);
}

// The share of the sun that reaches `world` (1: none of it blocked), four taps.
fn sunlit(world: vec3<f32>, n: vec3<f32>) -> f32 {
    let p = camera.shadow_proj * vec4<f32>(world + n * 0.02, 1.0);
    let uv = vec2<f32>(p.x * 0.5 + 0.5, 0.5 - p.y * 0.5);
    if (any(uv < vec2<f32>(0.0)) || any(uv > vec2<f32>(1.0)) || p.z > 1.0) {
        return 1.0;
    }
    let t = 1.0 / 2048.0;
    var sum = 0.0;
    sum += textureSampleCompareLevel(shadow_map, shadow_sampler, uv + vec2<f32>(-t, -t), p.z);
    sum += textureSampleCompareLevel(shadow_map, shadow_sampler, uv + vec2<f32>(t, -t), p.z);
    sum += textureSampleCompareLevel(shadow_map, shadow_sampler, uv + vec2<f32>(-t, t), p.z);
    sum += textureSampleCompareLevel(shadow_map, shadow_sampler, uv + vec2<f32>(t, t), p.z);
    return sum * 0.25;
}

// How much daylight reaches a point: 1 outside the container; inside, a little everywhere and
// more towards the open doors (at the far x), most on faces turned to them.
fn daylight(world: vec3<f32>, n: vec3<f32>) -> f32 {
    let lo = camera.room_min.xyz;
    let hi = camera.room_max.xyz;
    let inside = all(world > lo - vec3<f32>(0.02)) && all(world < hi + vec3<f32>(0.02)) && hi.x > lo.x;
    if (!inside) {
        return 1.0;
    }
    if (camera.room_max.w > 0.5) {
        // No roof: the sky reaches in, a little less near the walls' feet.
        return 0.85;
    }
    let open = camera.room_min.w;
    let from_doors = max(hi.x - world.x, 0.0);
    let reach = exp(-from_doors / 2.6);
    let facing = 0.55 + 0.45 * max(n.x, 0.0);
    return 0.16 + 0.8 * open * reach * facing;
}

@fragment
fn fs(v: VertexOut) -> @location(0) vec4<f32> {
    if (v.ghost == 1u && ((u32(v.clip.x) + u32(v.clip.y)) & 1u) == 0u) {
        discard;
    }
    var albedo = v.colour;
    if (v.material == UNLIT) {
        return vec4<f32>(albedo, 1.0);
    }
    var n = normalize(v.normal);
    let p = v.world;
    var shine = 0.0;
    var power = 16.0;
    var glow = 0.0;
    switch v.material {
        case PAINT: {
            let speck = noise(p * 9.0);
            let streak = smoothstep(0.6, 0.85, fbm(p * vec3<f32>(2.5, 0.35, 2.5)));
            let low = 1.0 - clamp(p.y / 3.0, 0.0, 1.0);
            let rust = vec3<f32>(0.32, 0.15, 0.07);
            albedo = albedo * (0.9 + 0.2 * speck);
            albedo = mix(albedo, rust, streak * (0.25 + 0.35 * low));
            shine = 0.12;
            power = 24.0;
        }
        case FRESH_PAINT: {
            shine = 0.35;
            power = 48.0;
        }
        case STEEL: {
            albedo = albedo * (0.85 + 0.3 * fbm(p * vec3<f32>(40.0, 3.0, 40.0)));
            shine = 0.5;
            power = 40.0;
        }
        case WOOD: {
            let grain = sin((p.z + p.y) * 90.0 + fbm(p * vec3<f32>(0.6, 6.0, 6.0)) * 9.0);
            albedo = albedo * (0.86 + 0.1 * grain + 0.12 * fbm(p * vec3<f32>(0.4, 3.0, 3.0)));
            shine = 0.04;
        }
        case CARDBOARD: {
            albedo = albedo * (0.92 + 0.12 * fbm(p * 60.0));
            shine = 0.03;
        }
        case WRAP: {
            albedo = albedo * (0.92 + 0.1 * fbm(p * 60.0)) + vec3<f32>(0.03);
            shine = 0.55;
            power = 60.0;
        }
        case RUBBER: {
            shine = 0.08;
        }
        case PLASTIC: {
            shine = 0.45;
            power = 64.0;
        }
        case CLOTH: {
            albedo = albedo * (0.93 + 0.1 * noise(p * 80.0));
        }
        case DECAL: {
            let t = textureSample(atlas, atlas_sampler, v.uv);
            if (t.a < 0.5) {
                discard;
            }
            albedo = t.rgb / max(t.a, 0.01);
            shine = 0.03;
        }
        case WELD: {
            // uv.x runs across the seam; uv.y is the bead's half width as a share of it.
            let d = abs(v.uv.x - 0.5);
            let core = v.uv.y;
            if (d < core) {
                let ripple = 0.8 + 0.2 * sin(dot(p, vec3<f32>(1.0)) * 260.0);
                albedo = vec3<f32>(0.86, 0.84, 0.8) * ripple;
                shine = 0.9;
                power = 30.0;
                glow = 0.22;
            } else {
                // Heat tint: straw, bronze, purple, blue, fading into the paint.
                let t = clamp((d - core) / (0.5 - core), 0.0, 1.0);
                let straw = vec3<f32>(0.85, 0.68, 0.3);
                let bronze = vec3<f32>(0.6, 0.32, 0.12);
                let purple = vec3<f32>(0.42, 0.12, 0.5);
                let blue = vec3<f32>(0.16, 0.22, 0.62);
                var tint = mix(straw, bronze, smoothstep(0.0, 0.3, t));
                tint = mix(tint, purple, smoothstep(0.3, 0.6, t));
                tint = mix(tint, blue, smoothstep(0.6, 0.9, t));
                albedo = tint;
                shine = 0.4;
                glow = 0.12;
            }
        }
        default: {}
    }

    let eye = camera.eye.xyz;
    let to_eye = normalize(eye - p);
    if (dot(n, to_eye) < 0.0 && v.material == DECAL) {
        n = -n;
    }
    let day = daylight(p, n);
    // Sky above, ground bounce below.
    let sky = mix(vec3<f32>(0.3, 0.28, 0.25), vec3<f32>(0.62, 0.68, 0.78), n.y * 0.5 + 0.5);
    var light = sky * 0.62 * day;
    var spec = vec3<f32>(0.0);
    let sun = normalize(camera.sun.xyz);
    let lambert = max(dot(n, sun), 0.0);
    if (lambert > 0.0) {
        let lit = sunlit(p, n);
        let sun_colour = vec3<f32>(1.0, 0.95, 0.86) * 0.75;
        light += sun_colour * lambert * lit;
        let h = normalize(sun + to_eye);
        spec += sun_colour * shine * pow(max(dot(n, h), 0.0), power) * lit;
    }
    if (camera.flash_pos.w > 0.5) {
        let l = camera.flash_pos.xyz - p;
        let dist = length(l);
        let dir = l / max(dist, 1e-4);
        let cone = smoothstep(camera.flash_dir.w, camera.flash_dir.w + 0.04, dot(-dir, normalize(camera.flash_dir.xyz)));
        let fall = cone * min(2.4 / (1.0 + 0.5 * dist * dist), 0.9);
        let d = max(dot(n, dir), 0.0);
        light += vec3<f32>(1.0, 0.97, 0.9) * d * fall;
        let h = normalize(dir + to_eye);
        spec += vec3<f32>(1.0, 0.97, 0.9) * shine * pow(max(dot(n, h), 0.0), power) * fall;
    }
    let colour = albedo * (light + glow) + spec;
    return vec4<f32>(min(colour, vec3<f32>(1.0)), 1.0);
}
