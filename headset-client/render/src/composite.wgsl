// Copies a rectangle of a cached, window-sized image onto the frame, opaque, pixel for pixel.

struct Area {
    // x0, y0, x1, y1 in pixels.
    rect: vec4<f32>,
    // The frame's size in pixels.
    size: vec2<f32>,
    pad: vec2<f32>,
};

@group(0) @binding(0) var<uniform> area: Area;
@group(0) @binding(1) var pixels: texture_2d<f32>;

@vertex
fn vs(@builtin(vertex_index) i: u32) -> @builtin(position) vec4<f32> {
    var corners = array<vec2<f32>, 6>(
        vec2<f32>(0.0, 0.0), vec2<f32>(1.0, 0.0), vec2<f32>(0.0, 1.0),
        vec2<f32>(0.0, 1.0), vec2<f32>(1.0, 0.0), vec2<f32>(1.0, 1.0),
    );
    let px = mix(area.rect.xy, area.rect.zw, corners[i]);
    return vec4<f32>(px.x / area.size.x * 2.0 - 1.0, 1.0 - px.y / area.size.y * 2.0, 0.0, 1.0);
}

@fragment
fn fs(@builtin(position) at: vec4<f32>) -> @location(0) vec4<f32> {
    return textureLoad(pixels, vec2<i32>(at.xy), 0);
}
