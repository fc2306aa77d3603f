# Crossdock client interface: Thai (ภาษาไทย).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before classroom use.

## The drill
participants = ผู้เข้าร่วม
participants-count = ผู้เข้าร่วม ({ $count })
paused = หยุดชั่วคราว
revealed = เปิดเผยความจริงแล้ว
resealed = ปิดผนึกใหม่แล้ว
voice-recorded = เซสชันนี้บันทึกเสียง
scenario = สถานการณ์
switch-scenario = เปลี่ยนเป็นสถานการณ์นี้
seed = ค่าสุ่ม
rerandomise = สุ่มใหม่
pause = หยุดชั่วคราว
resume = ดำเนินการต่อ
reset = เริ่มใหม่
reveal = เปิดเผยความจริง
end-drill = จบการฝึก
bookmark = บุ๊กมาร์ก
bookmark-note = บันทึกสำหรับการทบทวน (ไม่บังคับ)
highlight = ไฮไลต์สิ่งที่มองอยู่
point = ชี้ไปข้างหน้า
truth = สิ่งที่ถูกซ่อนไว้
nothing-hidden = ไม่มีสิ่งใดถูกซ่อน: ตู้คอนเทนเนอร์สะอาด

## People
link-quality = { $rtt } มิลลิวินาที, สูญหาย { $loss } %
gone = ออกจากการฝึกแล้ว
talking = กำลังพูด
muted = ปิดเสียง
frozen = ถูกระงับ
lead = เป็นผู้นำ
mute = ปิดเสียง
unmute = เปิดเสียง
freeze = ระงับ
unfreeze = ยกเลิกการระงับ
summon = เรียกมา
teleport-here = ย้ายมาที่นี่
give-lead = มอบการนำ
remove = นำออก
remove-confirm = คลิกอีกครั้งเพื่อนำออก
mute-all = ปิดเสียงทั้งหมด
unmute-all = เปิดเสียงทั้งหมด
freeze-all = ระงับทั้งหมด
unfreeze-all = ยกเลิกการระงับทั้งหมด
summon-all = เรียกทุกคนมา
teleport-all-here = ย้ายทุกคนมาที่นี่
lock-self-unmute = ผู้รับการฝึกเปิดเสียงเองไม่ได้
admit-observers = ให้ผู้สังเกตการณ์เข้าร่วมได้
locked-tools = เครื่องมือที่ล็อก

## Findings
findings-count = สิ่งที่พบ ({ $count })
no-findings = ยังไม่มีสิ่งที่พบ
marked-by = โดย { $names }
confirm = ยืนยัน
reject = ปฏิเสธ
status-open = รอพิจารณา
status-confirmed = ยืนยันแล้ว
status-rejected = ปฏิเสธแล้ว

## Documents
documents = เอกสาร
shipper = ผู้ส่งสินค้า
consignee = ผู้รับสินค้า
route = เส้นทาง
seal-declared = ซีลตามเอกสาร
seal-fitted = ซีลที่ติดอยู่
declared-gross = น้ำหนักรวมที่สำแดง
kilograms = { $kg } กก.
goods = สินค้า
hs-code = พิกัด HS
packages = หีบห่อ
gross = น้ำหนักรวม

## Readings
readings = ผลการตรวจวัด
no-readings = ยังไม่มีผลการตรวจวัด
reading-documents = ตรวจเอกสารแล้ว
reading-seal = ซีล { $number }, { $condition }
seal-intact = สมบูรณ์
seal-intact-re-sealed = สมบูรณ์ (ปิดผนึกใหม่)
reading-distance = { $mm } มม.
reading-mass = { $kg } กก.
reading-image = ภาพเอกซเรย์ { $width }×{ $height }
reading-density = { $value } กก./ลบ.ม.
reading-trace-alarm = แจ้งเตือน: { $class }
reading-trace-clear = ไม่พบสารตกค้าง
reading-dose = { $value } nSv/ชม.
reading-opened = เปิดแล้ว: { $content }

## Tags in the scene
tag-seal = ซีล { $number }
tag-finding = สิ่งที่พบ #{ $id } ({ $status })

## Tools
mode-mark = ทำเครื่องหมายสิ่งที่พบ

## Refusals

## Views
view-free = กล้องอิสระ
view-own = มุมมองของฉัน
view-overview = ภาพรวม
view-first-person = มุมมองบุคคลที่หนึ่ง / ข้างไหล่
camera-free = กล้องอิสระ
camera-overview = ภาพรวม
camera-follow-shoulder = ติดตาม { $name } จากข้างไหล่
camera-follow-first = ติดตาม { $name } มุมมองบุคคลที่หนึ่ง
camera-nobody = ไม่มีผู้ชื่อ { $name } ที่นี่ (ที่นี่มี: { $present }): แสดงภาพรวมแทน

## Voice
voice-not-built = รุ่นนี้ไม่มีระบบเสียง: สร้างใหม่ด้วย "cargo build --features voice" (หรือ audio-devices) เพื่อพูดและฟัง
voice-not-in-browser = ห้องในเบราว์เซอร์ยังไม่มีระบบเสียง: พูดผ่านแอปบนคอมพิวเตอร์หรือแอปบนแว่น หรือทางโทรศัพท์
voice-muted = เสียง: ปิด
voice-talking = เสียง: กำลังพูด
voice-open = เสียง: เปิด (กด T ค้างไว้เพื่อพูด)
mute-me = ปิดเสียงฉัน
unmute-me = เปิดเสียงฉัน
all-call = พูดถึงทุกคน

## Keys
keys = แป้นลัด
keys-observer = F1 กล้องอิสระ · F2 ติดตามผู้เข้าร่วมคนถัดไป · F3 ภาพรวม · C บุคคลที่หนึ่ง / ข้างไหล่ · ลากเมาส์เพื่อมอง · WASD QE เพื่อบิน
keys-participant = WASD เดิน · ลากเมาส์เพื่อมอง · G หยิบหรือวาง · Space ใช้เครื่องมือ · Tab เครื่องมือถัดไป · M ทำเครื่องหมาย · O เปิดหรือปิดประตู · F1–F3 มุมมอง · F ชี้ · L พูดวลี
keys-instructor = P หยุดชั่วคราว · R เปิดเผย · F5 เริ่มใหม่ · F8 จบการฝึก · U เรียกมา · Z ระงับ · H ไฮไลต์ · K ชี้ · Y/N ตัดสินสิ่งที่พบที่เก่าที่สุด · F9 บุ๊กมาร์ก
keys-voice = T กดค้างเพื่อพูด · V ปิดหรือเปิดเสียง · B พูดถึงทุกคน (ครูฝึก)

# The debrief
debrief-problem = การทบทวนหยุดลง: { $problem }
debrief-drill = การฝึกที่จะทบทวน
debrief-latest = (ครั้งล่าสุดที่จบแล้ว หรือครั้งนี้)
debrief-open = เปิดการทบทวน
debrief-of = ทบทวนการฝึกครั้งที่ { $drill }
debrief-previous = เหตุการณ์ก่อนหน้า
debrief-back = ถอยหนึ่งก้าว
debrief-play = เล่น
debrief-pause = หยุดชั่วคราว
debrief-forward = เดินหน้าหนึ่งก้าว
debrief-next = เหตุการณ์ถัดไป
debrief-close = ปิดการทบทวน
debrief-speed = ความเร็ว
ghost-detail = { $detail } · บันทึกไว้
marker-finding = บันทึกสิ่งที่พบ: { $category }
marker-cosigned = ลงนามร่วมในสิ่งที่พบ: { $category }
marker-confirmed = ยืนยันสิ่งที่พบ
marker-rejected = ปฏิเสธสิ่งที่พบ
marker-reading = ใช้{ $tool }
marker-opened = เปิดหีบห่อ
marker-door-opened = เปิดประตู
marker-door-closed = ปิดประตู
marker-resealed = ปิดผนึกตู้ใหม่
marker-paused = หยุดการฝึกชั่วคราว
marker-resumed = ฝึกต่อ
marker-revealed = เปิดเผยความจริง
marker-talk = พูด { $seconds } วินาที
marker-bookmark = บุ๊กมาร์ก
marker-said = พูดว่า

## Phrases that cross languages (the panel and the tablet)
phrases-heading = วลี
phrases-none = ยังไม่มีใครพูด
phrases-say = พูดวลี
phrases-tools = เครื่องมือ
phrases-findings = สิ่งที่พบ
phrases-scenario = วลีของการฝึกนี้
wheel-more = เพิ่มเติม…

## Interpretation channels
listen-to = ฟังช่อง
channel-floor = เสียงห้อง
floor-level = เสียงห้องขณะฟังล่าม
interpreting = คุณเป็นล่ามภาษา { $language }: คุณได้ยินเสียงห้อง และมีเพียงผู้ที่ฟังช่อง { $language } ที่ได้ยินคุณ
interprets = ล่ามภาษา { $language }
interpreter-into = ล่ามแปลเป็น

## Live captions
captions-show = แสดงคำบรรยายสด
captions-none = ยังไม่มีคำบรรยาย: จะปรากฏเมื่อมีคนพูด
captions-off-server = คำบรรยายสดปิดอยู่บนเซิร์ฟเวอร์นี้: ศูนย์เปิดได้ด้วยตัวรู้จำเสียง (captions_worker ดู README)
marker-caption = คำบรรยาย

# Pointing with a hand
point-start = ชี้ด้วยมือ
point-stop = หยุดชี้
pointing-now = ทุกคนเห็นจุดที่คุณชี้

# The risk-assessment stage
risk-heading = ประเมินความเสี่ยง: ควรตรวจตู้ใด?
risk-closed = ขั้นประเมินความเสี่ยงจบแล้ว: ตรวจตู้ที่อยู่ตรงหน้าคุณ
risk-wait = คุณเลือกแล้ว ประตูจะเปิดได้เมื่อผู้ฝึกทุกคนเลือกแล้ว (หรือผู้สอนปิดขั้นนี้)
risk-help = อ่านเอกสารของแต่ละตู้ ทำเครื่องหมายสัญญาณที่ควรตรวจ แล้วเลือกตู้ที่จะตรวจ คุณเลือกได้ครั้งเดียวด้วยตัวเอง
risk-progress = ผู้ฝึก { $chosen } จาก { $trainees } คนเลือกแล้ว ประตูจะปิดอยู่จนกว่าทุกคนจะเลือก
risk-no-reasons = ไม่ได้ให้เหตุผล
risk-you-chose = คุณเลือกตู้ที่ { $number }: { $why }
risk-reasons = สัญญาณที่คุณเห็น
risk-candidate = ตู้ที่ { $number }: { $container }
risk-here = ตู้ตรงหน้าคุณ
risk-choose = ตรวจตู้นี้
risk-close = ปิดขั้นประเมินความเสี่ยง (เปิดประตูได้)
standing-heading = ระดับของคุณ: { $curriculum }
