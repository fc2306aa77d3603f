# Crossdock's domain words, shared by the clients, the reports and the console page: Thai (ภาษาไทย).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before classroom use.

## Tools
tool-documents = เอกสาร
tool-seal-check = ตรวจซีล
tool-tape-measure = ตลับเมตร
tool-scale = ตาชั่ง
tool-x-ray = เอกซเรย์
tool-density-meter = เครื่องวัดความหนาแน่น
tool-trace-detector = เครื่องตรวจสารตกค้าง
tool-radiation-pager = เครื่องเตือนรังสี
tool-fiberscope = กล้องไฟเบอร์สโคป
tool-flashlight = ไฟฉาย
tool-pry-bar = ชะแลง
tool-drill = สว่าน
tool-knife = มีด

## Roles
role-instructor = ครูฝึก
role-trainee = ผู้รับการฝึก
role-observer = ผู้สังเกตการณ์

## Finding and concealment categories
category-false-wall = ผนังปลอม
category-narcotics = ยาเสพติด
category-cigarettes = บุหรี่
category-undeclared-goods = สินค้าที่ไม่ได้สำแดง
category-weight-discrepancy = น้ำหนักไม่ตรง
category-counterfeit = สินค้าปลอม
category-wildlife = สัตว์ป่า
category-cash = เงินสด
category-weapons = อาวุธ
category-radioactive = วัสดุกัมมันตรังสี
category-explosives = วัตถุระเบิด
category-seal-tampering = การงัดแงะซีล

## Procedure steps
step-check-documents = ตรวจเอกสาร
step-check-seal = ตรวจซีล
step-scan = สแกน
step-open-doors = เปิดประตู
step-intrusive = ตรวจแบบเปิดค้น
step-mark-findings = ทำเครื่องหมายสิ่งที่พบ
step-reseal = ปิดผนึกใหม่

## Refusals: why the server did not do what was asked
denied = ถูกปฏิเสธ: { $reason }
deny-role-forbids = บทบาทของคุณทำสิ่งนี้ไม่ได้
deny-unknown-entity = สิ่งนั้นไม่อยู่แล้ว
deny-already-held = มีคนอื่นถืออยู่
deny-hand-busy = มือนั้นถือของอยู่แล้ว
deny-hand-empty = มือนั้นไม่ได้ถืออะไร
deny-out-of-reach = เอื้อมไม่ถึง: เข้าไปใกล้อีก
deny-out-of-bounds = จะออกนอกตู้คอนเทนเนอร์
deny-invalid-pose = ตำแหน่งไม่ถูกต้อง
deny-no-change = เป็นเช่นนั้นอยู่แล้ว
deny-tool-locked = ครูฝึกล็อกเครื่องมือนั้นไว้
deny-frozen = ครูฝึกระงับคุณไว้
deny-paused = การฝึกหยุดชั่วคราว
deny-not-openable = เปิดสิ่งนั้นไม่ได้
deny-already-open = เปิดอยู่แล้ว
deny-unknown-finding = ไม่มีสิ่งที่พบนี้
deny-already-signed = คุณลงชื่อในสิ่งที่พบนี้แล้ว
deny-invalid = คำขอไม่ถูกต้อง
deny-closed = การตรวจปิดแล้ว (ตู้ถูกปิดผนึกใหม่)
deny-unmute-locked = ครูฝึกล็อกการเปิดเสียงไว้
deny-choose-first = ขั้นประเมินความเสี่ยงยังเปิดอยู่: เลือกตู้ที่จะตรวจก่อน
deny-choice-made = คุณเลือกไปแล้ว หรือขณะนี้ไม่มีสิ่งให้เลือก
deny-other = เซิร์ฟเวอร์ปฏิเสธคำขอนั้น

## Phrases that cross languages (protocol::phrase::PHRASEBOOK): groups, then sentences
phrases-attention = เรียกความสนใจ
phrases-inspection = สิ่งที่เห็น
phrases-request = สิ่งที่ต้องการ
phrases-answer = คำตอบ
phrase-look-here = ดูตรงนี้
phrase-come-here = มาตรงนี้
phrase-follow-me = ตามฉันมา
phrase-stop = หยุด
phrase-wait = รอก่อน
phrase-careful = ระวัง
phrase-step-back = ถอยออกไป
phrase-your-turn = ตาคุณ
phrase-fresh-welds = รอยเชื่อมใหม่
phrase-fresh-paint = สีทาใหม่
phrase-new-bolts = น็อตใหม่
phrase-wall-too-thick = ผนังนี้หนาเกินไป
phrase-floor-uneven = พื้นไม่เรียบ
phrase-seal-mismatch = หมายเลขซีลไม่ตรงกัน
phrase-weight-mismatch = น้ำหนักไม่ตรงกัน
phrase-looks-normal = ดูปกติ
phrase-check-the-seal-number = ตรวจหมายเลขซีล
phrase-check-the-documents = ตรวจเอกสาร
phrase-need-the-x-ray = ขอเครื่องเอกซเรย์
phrase-need-light = ขอไฟฉาย
phrase-measure-this = วัดตรงนี้
phrase-open-this = เปิดอันนี้
phrase-help-me = ช่วยด้วย
phrase-mark-it = บันทึกเป็นสิ่งที่พบ
phrase-confirmed = ยืนยัน
phrase-i-disagree = ไม่เห็นด้วย
phrase-yes = ใช่
phrase-no = ไม่ใช่
phrase-not-sure = ไม่แน่ใจ
phrase-done = เสร็จแล้ว
phrase-say-again = พูดอีกครั้ง
phrase-thank-you = ขอบคุณ

# Signs in a container's papers (the risk-assessment stage)
sign-route = เส้นทาง
sign-hs-code = พิกัดศุลกากรไม่ตรงกับสินค้า
sign-weight = น้ำหนักไม่สมเหตุสมผล
sign-parties = ผู้ส่งหรือผู้รับ
sign-seal = หมายเลขซีลไม่ตรงกัน
sign-description = ระบุสินค้าคลุมเครือ
