// One eye's picture into its viewport of the WebXR layer's framebuffer. The layer is linear
// RGBA8 and shown as it is, so the colour is encoded to sRGB here; and wgpu's GL backend draws
// into textures upside down (its own present flips them back, which this path skips), so the
// picture is flipped here too.
@group(0) @binding(0) var eye: texture_2d<f32>;
@group(0) @binding(1) var eye_sampler: sampler;

struct Out {
    @builtin(position) position: vec4<f32>,
    @location(0) uv: vec2<f32>,
};

@vertex
fn vs(@builtin(vertex_index) i: u32) -> Out {
    let p = vec2<f32>(f32((i << 1u) & 2u), f32(i & 2u));
    var out: Out;
    out.position = vec4<f32>(p * 2.0 - 1.0, 0.0, 1.0);
    out.uv = vec2<f32>(p.x, p.y);
    return out;
}

fn encode(c: vec3<f32>) -> vec3<f32> {
    let low = c * 12.92;
    let high = 1.055 * pow(c, vec3<f32>(1.0 / 2.4)) - 0.055;
    return select(high, low, c <= vec3<f32>(0.0031308));
}

@fragment
fn fs(in: Out) -> @location(0) vec4<f32> {
    let c = textureSample(eye, eye_sampler, in.uv);
    return vec4<f32>(encode(c.rgb), 1.0);
}
