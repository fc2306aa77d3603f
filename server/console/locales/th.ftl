# Crossdock console: Thai (ภาษาไทย).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before use with a class.

console-title = คอนโซล Crossdock
console-of-instructor = คอนโซลของครูฝึก
console-of-observer = คอนโซลของผู้สังเกตการณ์
tab-live = สด
tab-class = ชั้นเรียนและคำเชิญ
tab-drills = การฝึก
watch-3d = ดูแบบสามมิติ
who-you-are = { $name }, { $role }, เซสชัน { $session }
done = เรียบร้อย

## Opening the console
login-heading = เปิดคอนโซล
login-help = วางลิงก์คอนโซลหรือลิงก์คำเชิญของครูฝึก คำเชิญของผู้สังเกตการณ์ดูได้อย่างเดียว สั่งการไม่ได้
login-token = ลิงก์คำเชิญหรือโทเคน
login-open = เปิด
login-connecting = กำลังเชื่อมต่อ…
login-lost = ขาดการเชื่อมต่อกับเซิร์ฟเวอร์ โหลดหน้านี้ใหม่เพื่อเชื่อมต่ออีกครั้ง
refused-version = หน้านี้มาจากเซิร์ฟเวอร์รุ่นอื่น: โปรดโหลดหน้าใหม่
refused-headset-invite = คำเชิญนี้สำหรับแว่น VR เปิดคอนโซลด้วยคำเชิญของครูฝึก หรือของผู้สังเกตการณ์เพื่อดูอย่างเดียว
refused-session = เซิร์ฟเวอร์นี้ไม่ได้เปิดเซสชัน { $session }: ขอคำเชิญสำหรับเซสชันที่เซิร์ฟเวอร์นี้เปิดอยู่

## Live
watching-only = คุณกำลังดูอยู่: เฉพาะคอนโซลของครูฝึกเท่านั้นที่สั่งการการฝึกได้
drill-heading = การฝึกที่ { $number }: { $scenario }
drill-running = กำลังดำเนินอยู่
drill-paused = หยุดชั่วคราว
drill-elapsed = ผ่านไป { $time }
drill-revealed = เปิดเผยความจริงแล้ว
drill-debrief = กำลังเปิดการทบทวนการฝึกที่ { $drill }
map-heading = แผนผังมุมบน (ประตูอยู่ด้านขวา)
teleport-pick = คลิกบนแผนผังตรงที่ต้องการให้ { $name } ไป
people-heading = ผู้เข้าร่วม
people-none = ยังไม่มีใครเข้าร่วม
tile-rtt = ไป-กลับ { $ms } มิลลิวินาที
tile-loss = สูญหาย { $percent } %
tile-tool = เครื่องมือ: { $tool }
tile-last = ล่าสุด: { $action }
tile-talking = กำลังพูด
tile-muted = ปิดเสียง
tile-interprets = ล่ามภาษา { $language }
tile-frozen = ถูกหยุดนิ่ง
tile-lead = เป็นผู้นำทีม
tile-away = การเชื่อมต่อหลุด
tile-left = ออกจากการฝึกแล้ว
action-grab = หยิบของขึ้นมา
action-release = วางของลง
action-move = ย้ายสินค้า
action-open-door = เปิดประตู
action-close-door = ปิดประตู
action-reading = วัดค่า
action-finding = บันทึกสิ่งที่พบ
action-co-sign = ลงนามร่วมในสิ่งที่พบ
action-reseal = ผนึกตู้ใหม่
action-command = สั่งการ
action-mute = ปิดไมโครโฟน
action-unmute = เปิดไมโครโฟน
action-say = พูดวลี
action-listen = เลือกช่องเสียง
action-point = ชี้
action-point-stop = หยุดชี้
action-choose = เลือกตู้ที่จะตรวจ
findings-heading = สิ่งที่พบ
findings-none = ยังไม่มีสิ่งที่พบ
finding-by = โดย { $names }
finding-open = รอการตัดสิน
finding-confirmed = ยืนยันแล้ว
finding-rejected = ไม่ยอมรับ
finding-confirm = ยืนยัน
finding-reject = ไม่ยอมรับ

## Steering
steer-pause = หยุดชั่วคราว
steer-resume = ดำเนินต่อ
steer-reset = เริ่มใหม่
steer-end = จบการฝึก
steer-rerandomise = สุ่มใหม่
steer-switch = เปลี่ยนสถานการณ์
steer-mute-all = ปิดเสียงผู้รับการฝึกทั้งหมด
steer-unmute-all = เปิดเสียงผู้รับการฝึกทั้งหมด
steer-lock-unmute = ล็อกการเปิดเสียงเอง
steer-unlock-unmute = อนุญาตให้เปิดเสียงเอง
steer-freeze-all = หยุดนิ่งผู้รับการฝึกทั้งหมด
steer-unfreeze-all = ยกเลิกการหยุดนิ่งทั้งหมด
steer-summon-all = เรียกทุกคนมาที่ประตู
steer-reveal = เปิดเผยความจริง
steer-observers-open = ผู้สังเกตการณ์เข้าได้
steer-observers-closed = ไม่รับผู้สังเกตการณ์เพิ่ม
steer-close-risk = ปิดขั้นประเมินความเสี่ยง (ผู้ฝึกเลือกแล้ว { $chosen } จาก { $trainees } คน)
steer-open-debrief = เปิดการทบทวนการฝึกล่าสุด
steer-close-debrief = ปิดการทบทวน
person-interpreter = ล่าม
person-not-interpreter = ไม่ใช่ล่าม
person-mute = ปิดเสียง
person-unmute = เปิดเสียง
person-freeze = หยุดนิ่ง
person-unfreeze = ยกเลิกหยุดนิ่ง
person-summon = เรียกมา
person-teleport = ย้ายตำแหน่ง
person-lead = ให้เป็นผู้นำ
person-remove = นำออก
person-remove-confirm = นำ { $name } ออกจากเซสชันหรือไม่?

## Class and invites
class-heading = การฝึกใหม่
class-scenario = สถานการณ์
class-roster = รายชื่อผู้เรียน (CSV: learner_id, display_name, administration, locale)
class-roster-help = เว้นว่างไว้เพื่อใช้รายชื่อเดิม
class-start = เริ่มการฝึกใหม่
class-invites = คำเชิญ
class-make-invites = สร้างแผ่นคำเชิญ
class-print = พิมพ์แผ่นคำเชิญ
class-sheet-help = แต่ละบัตรใช้เข้าได้หนึ่งคน: สแกนคิวอาร์โค้ดด้วยแว่นหรือโทรศัพท์ หรือเปิด { $room } แล้วพิมพ์รหัสหกหลัก (ใช้ได้ { $minutes } นาที ครั้งเดียว)
class-server = เซิร์ฟเวอร์: { $server }
class-expires = คำเชิญใช้ได้ถึง { $time }
class-code = รหัส
class-any-trainee = ผู้รับการฝึกคนใดก็ได้
class-any-observer = ผู้สังเกตการณ์คนใดก็ได้
problem-roster = ใช้รายชื่อนี้ไม่ได้: { $reason }
problem-roster-too-large = รายชื่อมีขนาด { $kib } KiB เกินกว่า { $max } KiB ที่คอนโซลส่งได้: แบ่งชั้นเรียนเป็นรายชื่อที่เล็กลง
problem-too-large = ข้อมูลมีขนาด { $kib } KiB เกินกว่า { $max } KiB ที่เซิร์ฟเวอร์รับได้ต่อคำขอ: ไม่มีการเปลี่ยนแปลงใด ๆ ส่งทีละน้อยลง (รายชื่อ: แบ่งชั้นเรียน)
problem-no-drill = ไม่มีการฝึกที่ { $drill } ในเซสชันนี้
problem-busy = ยังตอบคำขอก่อนหน้าอยู่ ลองใหม่อีกครู่

## Drills and reports
drills-heading = การฝึกของเซสชันนี้
drills-refresh = รีเฟรช
drills-none = ยังไม่มีการฝึก
drills-number = การฝึก
drills-scenario = สถานการณ์
drills-started = เริ่ม
drills-length = ระยะเวลา
drills-trainees = ผู้เข้าร่วม
drills-state = สถานะ
drills-running = กำลังดำเนินอยู่
drills-ended = จบแล้ว
drills-report = รายงาน
drills-debrief = เปิดการทบทวน
report-heading = รายงานการฝึกที่ { $drill }
report-print = พิมพ์รายงาน
report-close = ปิด

## หน้าห้องในเบราว์เซอร์ (/room) ก่อนเข้าห้อง
room-title = ห้อง Crossdock
room-opening = กำลังเปิดห้อง…
room-name-label = ชื่อของคุณที่ชั้นเรียนจะเห็น
room-name-enter = เข้าห้อง
room-code-heading = พิมพ์รหัสหกหลักจากบัตรเชิญของคุณ
room-code-help = หรือเปิดลิงก์เชิญ หรือสแกนคิวอาร์โค้ดด้วยแว่นหรือโทรศัพท์
room-code-open = เปิด
room-code-checking = กำลังตรวจรหัส…
room-code-malformed = รหัสเข้าร่วมมีหกหลัก: ตรวจรหัสบนแผ่นบัตรเชิญ
room-code-unknown = รหัสนี้ใช้ไม่ได้ (ผิด ใช้ไปแล้ว หรือหมดอายุ): ตรวจตัวเลข หรือขอรหัสใหม่จากครูฝึก
room-code-locked = ใส่รหัสผิดจากที่อยู่นี้มากเกินไป: รอ { $minutes } นาที หรือขอลิงก์เชิญจากครูฝึก
room-no-server = ติดต่อเซิร์ฟเวอร์นี้ไม่ได้ ({ $error }) เซิร์ฟเวอร์ทำงานอยู่หรือไม่
room-not-loaded = โหลดห้องในเบราว์เซอร์ไม่ได้ ({ $error })
room-enter-vr = เข้าสู่ VR
room-no-vr = เข้าสู่ VR ไม่ได้: { $error }
room-closed = ห้องปิดแล้ว: { $reason }
