// The previous renderer's shader (headset-client/render at d7e5a8a), kept as the container_frame
// benchmark's baseline: instanced boxes, lit by one directional light. Instances with alpha < 0.5
// are drawn unlit (text, markers), so they read the same from every side.

struct Camera {
    view_proj: mat4x4<f32>,
    light: vec4<f32>,
};
@group(0) @binding(0) var<uniform> camera: Camera;

struct VertexIn {
    @location(0) position: vec3<f32>,
    @location(1) normal: vec3<f32>,
};

struct InstanceIn {
    @location(2) m0: vec4<f32>,
    @location(3) m1: vec4<f32>,
    @location(4) m2: vec4<f32>,
    @location(5) m3: vec4<f32>,
    @location(6) color: vec4<f32>,
};

struct VertexOut {
    @builtin(position) clip: vec4<f32>,
    @location(0) color: vec4<f32>,
    @location(1) normal: vec3<f32>,
};

@vertex
fn vs(v: VertexIn, i: InstanceIn) -> VertexOut {
    let model = mat4x4<f32>(i.m0, i.m1, i.m2, i.m3);
    var out: VertexOut;
    out.clip = camera.view_proj * model * vec4<f32>(v.position, 1.0);
    // Boxes are scaled along their own axes, so the rotated face normal is still the normal.
    out.normal = (model * vec4<f32>(v.normal, 0.0)).xyz;
    out.color = i.color;
    return out;
}

@fragment
fn fs(v: VertexOut) -> @location(0) vec4<f32> {
    let lambert = max(dot(normalize(v.normal), normalize(camera.light.xyz)), 0.0);
    let shade = select(0.6 + 0.4 * lambert, 1.0, v.color.a < 0.5);
    return vec4<f32>(v.color.rgb * shade, 1.0);
}
