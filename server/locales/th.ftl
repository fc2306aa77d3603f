# Crossdock drill reports: Thai (ภาษาไทย).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before use with a class.

## The drill report
report-title = รายงานการฝึก: { $scenario } ({ $drill })
report-summary = เริ่ม { $started }, ฝึก { $seconds } วินาที, { $status }, ค่าสุ่ม { $seed } ครูฝึก: { $instructors }
report-origin = จากชุดสถานการณ์ **{ $pack }** รุ่น { $version } เผยแพร่โดย { $publisher } ({ $administration }); ชุด { $sha }
report-running = ยังดำเนินอยู่
report-ended = จบแล้ว ({ $how })
report-none = ไม่มี
report-unnamed = ไม่ระบุ
report-scoring = การให้คะแนน: { $formula }
report-formula = คะแนน = { $wd } × การตรวจพบ + { $wp } × ขั้นตอน + { $we } × พื้นที่ที่ตรวจ − { $wf } × การแจ้งเตือนผิด (0 ถึง 1); ผ่านเมื่อได้ { $pass } ขึ้นไปและทำขั้นตอนด้วยตนเองอย่างน้อยหนึ่งขั้น
report-end-ended = ผู้สอนสิ้นสุดการฝึก
report-end-restarted = เริ่มสถานการณ์ใหม่
report-end-not-resumed = เซิร์ฟเวอร์เริ่มใหม่ด้วยสถานการณ์อื่น
report-withheld = การฝึกนี้ยังดำเนินอยู่และยังไม่ได้เปิดเผยความจริง: สิ่งที่ซ่อนไว้ สิ่งที่พบและพลาด และคะแนน จะแสดงที่นี่เมื่อผู้สอนเปิดเผยหรือการฝึกสิ้นสุดลง
report-hidden = สิ่งที่ซ่อนไว้
report-clean = ไม่มี: ตู้สะอาด ทุกสิ่งที่พบถือเป็นการแจ้งผิด
report-shown-by = ตรวจพบได้ด้วย: { $tools }
report-class = ชั้นเรียน: ผ่าน { $passed } จาก { $trainees } คน, เฉลี่ย { $average }
report-team-procedure = ขั้นตอนของทีม: ถูกลำดับ { $score } จาก { $max } ขั้นตอน
report-score-line = คะแนน { $score } = { $wd } × การตรวจพบ { $d } + { $wp } × ขั้นตอน { $p } + { $we } × การตรวจ { $e } − { $wf } × แจ้งผิด { $f } ครั้ง: { $result }
report-own-steps = ขั้นตอนที่ทำเอง: { $steps }
report-step-at = { $step } ที่ { $seconds } วินาที
report-out-of-order = (ผิดลำดับ)
report-indicators = ตรวจตัวบ่งชี้ด้วย: { $tools }
report-found = พบ **{ $concealment }** จากสิ่งที่พบ #{ $finding } ที่ { $seconds } วินาที
report-missed = พลาด **{ $concealment }**: { $hint }
report-hint-unread = การตรวจวัดด้วย { $tools } จะแสดงให้เห็น
report-hint-unmarked = ผลการตรวจวัดด้วย { $tools } ของตนเองแสดงแล้ว แต่ไม่ได้ทำเครื่องหมาย
report-false-alarms = แจ้งผิด: { $ids }
report-idle = ไม่มีการกระทำในบันทึก
report-not-done = ไม่ได้ทำ
report-yes = ใช่
report-no = ไม่
report-looked-cargo = มองนานที่สุดที่: { $cargo }
report-second-place = เข้าร่วมจากอีกที่หนึ่งขณะที่ยังเชื่อมต่ออยู่ที่เดิม { $count } ครั้ง: การเชื่อมต่อใหม่แทนที่การเชื่อมต่อเดิม (คำเชิญถูกใช้บนสองอุปกรณ์ หรือถูกแบ่งปัน)
report-risk = ประเมินความเสี่ยง: เลือกตู้ที่ { $number } ({ $container }) หลังผ่านไป { $seconds } วินาที โดยอ้างถึง: { $signs }
report-risk-score = เอกสารของตู้นี้มีสัญญาณ { $risk } ข้อ ตู้ที่เสี่ยงที่สุดมี { $highest } ข้อ (ตู้ที่ { $best }): คะแนนการเลือก { $choice } เหตุผล { $reasons } (อ้างถูก: { $right }; ไม่มีในเอกสาร: { $wrong }; มองข้าม: { $missed }) คะแนนความเสี่ยง { $score } = 0.7 × การเลือก + 0.3 × เหตุผล
report-risk-nothing = ไม่มี
report-picture-trail = มุมมองจากด้านบน: เส้นทางที่เดิน (จากวงกลมสีเขียวถึงสี่เหลี่ยมสีแดง) พื้นและสินค้าที่มอง (สีส้ม: มองนานกว่า) ประตูเป็นเส้นประทางขวา ผนังปลอมเป็นสีเทา
report-picture-walls = ผนังด้านในแบบคลี่ออก: จุดที่สายตามอง (สีส้ม: มองนานกว่า)
report-timeline = สิ่งที่ทำ ตามลำดับ
wall-left = ผนังซ้าย
wall-front = ผนังหน้า
wall-right = ผนังขวา
report-bookmarks = บุ๊กมาร์ก
report-said = วลีที่พูด
report-transcript = บันทึกคำพูด (คำบรรยายสด)
report-floor = เสียงห้อง
report-picture-timeline = เส้นเวลา: สิ่งที่ทำ (ขีด) ช่วงที่พูด (สีเขียว) และบุ๊กมาร์กของผู้สอน (สีส้ม) นาทีอยู่ด้านล่าง
timeline-reading = การอ่านค่า
timeline-door = ประตู
timeline-finding = สิ่งที่พบ
timeline-speech = การพูด
timeline-bookmark = บุ๊กมาร์ก
result-passed = ผ่าน
result-failed = ไม่ผ่าน

## Table columns
col-administration = หน่วยงาน
col-trainees = ผู้รับการฝึก
col-passed = ผ่าน
col-average = เฉลี่ย
col-found = พบ
col-rank = อันดับ
col-trainee = ผู้รับการฝึก
col-admin = หน่วยงาน
col-hits = พบ
col-misses = พลาด
col-false-alarms = แจ้งผิด
col-examined = ตรวจแล้ว
col-procedure = ขั้นตอน
col-joint = ร่วม
col-spoke = พูด
col-score = คะแนน
col-result = ผล
col-step = ขั้นตอน
col-done-at = ทำเมื่อ
col-by = โดย
col-in-order = ถูกลำดับ
col-at = เวลา
col-did = การกระทำ
col-started = เริ่ม
col-drill = การฝึก
col-scenario = สถานการณ์
col-note = บันทึก
col-phrase = วลี
col-words = คำพูด
col-channel = ช่อง
col-name = ชื่อ

## Progress across drills
progress-title = ความก้าวหน้าในการฝึกแต่ละครั้ง
progress-none = ยังไม่มีการฝึก
progress-found = { $hits } จาก { $hidden }
progress-change = จากการฝึกครั้งแรกถึงครั้งล่าสุด: { $change }
progress-detection = ทักษะการตรวจพบ
progress-detection-explained = ในการฝึกแต่ละครั้ง ผู้รับการฝึกทุกคนต้องตัดสินใจหนึ่งครั้งต่อประเภทที่อาจมีการซุกซ่อน และอีกหนึ่งครั้งสำหรับตู้ทั้งตู้: มีของซ่อนหรือไม่ แจ้งหรือผ่าน d′ คือทักษะในการแยกสองกรณีนี้ออกจากกัน ไม่ว่าจะพร้อมแจ้งมากน้อยเพียงใด: 0 คือการเดา 1 พอใช้ 2 ขึ้นไปดี c คือความพร้อมที่จะแจ้ง: มากกว่า 0 ระมัดระวัง (พลาดมากขึ้น) น้อยกว่า 0 แจ้งง่าย (แจ้งผิดมากขึ้น) ทุกอัตราปรับด้วยครึ่งครั้ง (log-linear) ผลที่สมบูรณ์จึงยังให้ค่าที่จำกัด
progress-detection-few = จำนวนการฝึกยังน้อยเกินกว่าจะสรุป
progress-detection-none = ยังวัดไม่ได้: d′ ต้องมีการฝึกทั้งที่มีและไม่มีของซ่อน
detection-container = ตู้ทั้งตู้
col-about = เรื่อง
col-hidden-found = มีของซ่อน: พบ
col-clean-flagged = ไม่มีของซ่อน: แจ้ง
col-d-prime = d′ (ช่วง 95 %)
col-criterion = c
col-time-to-flag = เวลาถึงการแจ้ง

## What someone did, on the timeline
did-use = ใช้{ $tool }
did-open-package = เปิดหีบห่อ ({ $content })
did-open-door = เปิดประตู
did-close-door = ปิดประตู
did-reseal = ปิดผนึกตู้ใหม่ ({ $number })
did-mark = บันทึกสิ่งที่พบ #{ $id } ({ $category })
did-cosign = ลงชื่อร่วมในสิ่งที่พบ #{ $id } ({ $category })

## Standing in a curriculum (crossdock-server standing)
standing-title = { $curriculum }: สถานะของ { $learner }
standing-passed = ผ่านเมื่อ { $on }
standing-retest = ผ่านเมื่อ { $on } ถึงกำหนดทดสอบซ้ำ
standing-open = เปิด: กำลังฝึก
standing-locked = ล็อก
standing-needs = ต้องผ่าน { $levels } ก่อน
standing-few = ฝึกแล้ว { $sat } จาก { $needed } ครั้งที่กำหนด
standing-low = d′ { $d } ต่ำกว่า { $needed } ที่กำหนด
standing-one-sided = ต้องมีการฝึกทั้งที่มีและไม่มีของซ่อนจึงจะวัด d′ ได้
standing-critical = พลาดสิ่งที่ห้ามพลาด: { $categories }
standing-risk-none = ยังไม่ได้เลือกในขั้นประเมินความเสี่ยงในการฝึกของระดับนี้
standing-risk-low = คะแนนประเมินความเสี่ยงเฉลี่ย { $score } (ต้องได้ { $needed }): เลือกตู้ที่เอกสารมีสัญญาณมากที่สุด ด้วยเหตุผลจากสัญญาณเหล่านั้น
standing-next = การฝึกถัดไป: { $scenario }
standing-measure = d′ { $d } จาก { $drills } ครั้ง
standing-measure-none = ยังวัด d′ ไม่ได้ ({ $drills } ครั้ง)
standing-explained = แต่ละระดับผ่านด้วยทักษะการตรวจพบในการฝึกตามสถานการณ์ที่ใช้ฝึก (d′ ของทั้งตู้: มีของซ่อนหรือไม่ แจ้งหรือผ่าน ดูความหมายของ d′ และ c ในรายงานความก้าวหน้า) และไม่ผ่านหากพลาดสิ่งสำคัญ สถานการณ์ถ่ายโอนที่ไม่เคยฝึกวัดแยกต่างหาก ช่องว่างระหว่างสองค่านี้บอกว่าทักษะนำไปใช้ได้จริงหรือไม่
col-level = ระดับ
col-status = สถานะ
col-trained = ที่ฝึก: d′ (ครั้ง)
col-transfer = ถ่ายโอน: d′ (ครั้ง)
col-why = เหตุที่ยังไม่ผ่าน

## A level's certificate (crossdock-server certificate)
certificate-title = ประกาศนียบัตร
certificate-certifies = ขอรับรองว่า
certificate-passed = ผ่าน
certificate-on = เมื่อ { $day }
certificate-measure = ด้วยทักษะการตรวจพบ d′ { $d } จากการฝึก { $drills } ครั้ง
certificate-transfer = (d′ { $d } ในสถานการณ์ที่ไม่เคยฝึก)
certificate-explained = d′ วัดว่าเจ้าหน้าที่แยกตู้ที่มีของซ่อนออกจากตู้ที่ไม่มีได้ดีเพียงใด ไม่ว่าจะพร้อมแจ้งมากน้อยเพียงใด: 0 คือการเดา 2 ขึ้นไปถือว่าดี ระดับนี้กำหนดค่านี้จากการฝึกที่เพียงพอ และต้องไม่พลาดสิ่งที่ห้ามพลาด
certificate-issued = ออกโดย { $issuer } เมื่อ { $day }
certificate-key = ลงนามด้วยกุญแจ
certificate-check = ทุกคนตรวจสอบได้:

## A cohort's detection skill over periods (crossdock-server cohort)
cohort-title = ทักษะการตรวจพบของรุ่นผู้ฝึก
cohort-chart = d′ ของทั้งตู้ในแต่ละช่วง พร้อมช่วง 95 %: ในสถานการณ์ที่ฝึก และในสถานการณ์ที่ไม่เคยฝึก
cohort-explained = ตัวเลขรวมทุกการตัดสินใจของผู้ฝึกทุกคนในแต่ละช่วง ช่องว่างการถ่ายโอนคือ d′ ในสถานการณ์ที่ไม่เคยฝึกลบด้วย d′ ในสถานการณ์ที่ฝึก: ใกล้ 0 แปลว่าทักษะนำไปใช้ได้
cohort-period = { $name }: { $from } ถึง { $to }
cohort-sat = ผู้ฝึก { $learners } คน ฝึก { $drills } ครั้ง
cohort-trained = สถานการณ์ที่ฝึก
cohort-transfer = ไม่เคยฝึก (ถ่ายโอน)
cohort-gap = ช่องว่างการถ่ายโอน
cohort-administration = หน่วยงาน
