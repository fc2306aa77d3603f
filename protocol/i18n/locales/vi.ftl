# Crossdock's domain words, shared by the clients, the reports and the console page: Vietnamese (Tiếng Việt).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before classroom use.

## Tools
tool-documents = Chứng từ
tool-seal-check = Kiểm tra niêm phong
tool-tape-measure = Thước dây
tool-scale = Cân
tool-x-ray = Máy soi X-quang
tool-density-meter = Máy đo mật độ
tool-trace-detector = Máy dò vết
tool-radiation-pager = Máy báo phóng xạ
tool-fiberscope = Ống soi sợi quang
tool-flashlight = Đèn pin
tool-pry-bar = Xà beng
tool-drill = Máy khoan
tool-knife = Dao

## Roles
role-instructor = giảng viên
role-trainee = học viên
role-observer = người quan sát

## Finding and concealment categories
category-false-wall = Vách ngăn giả
category-narcotics = Ma túy
category-cigarettes = Thuốc lá
category-undeclared-goods = Hàng không khai báo
category-weight-discrepancy = Chênh lệch trọng lượng
category-counterfeit = Hàng giả
category-wildlife = Động thực vật hoang dã
category-cash = Tiền mặt
category-weapons = Vũ khí
category-radioactive = Chất phóng xạ
category-explosives = Chất nổ
category-seal-tampering = Niêm phong bị can thiệp

## Procedure steps
step-check-documents = kiểm tra chứng từ
step-check-seal = kiểm tra niêm phong
step-scan = soi chiếu
step-open-doors = mở cửa
step-intrusive = kiểm tra thực tế
step-mark-findings = đánh dấu phát hiện
step-reseal = niêm phong lại

## Refusals: why the server did not do what was asked
denied = Bị từ chối: { $reason }
deny-role-forbids = vai trò của bạn không được làm việc này
deny-unknown-entity = vật đó không còn nữa
deny-already-held = người khác đang cầm
deny-hand-busy = tay đó đang cầm vật khác
deny-hand-empty = tay đó không cầm gì
deny-out-of-reach = ngoài tầm với: hãy lại gần hơn
deny-out-of-bounds = sẽ ra ngoài công-te-nơ
deny-invalid-pose = vị trí không hợp lệ
deny-no-change = đã như vậy rồi
deny-tool-locked = giảng viên đã khóa dụng cụ đó
deny-frozen = giảng viên đã tạm khóa bạn
deny-paused = buổi tập đang tạm dừng
deny-not-openable = không thể mở
deny-already-open = đã mở rồi
deny-unknown-finding = không có phát hiện này
deny-already-signed = bạn đã ký phát hiện này
deny-invalid = yêu cầu không hợp lệ
deny-closed = việc kiểm tra đã kết thúc (công-te-nơ đã niêm phong lại)
deny-unmute-locked = giảng viên đã khóa việc bật tiếng
deny-choose-first = đang ở bước đánh giá rủi ro: hãy chọn container cần kiểm tra trước
deny-choice-made = bạn đã chọn rồi, hoặc lúc này không có gì để chọn
deny-other = Máy chủ đã từ chối.

## Phrases that cross languages (protocol::phrase::PHRASEBOOK): groups, then sentences
phrases-attention = Chú ý
phrases-inspection = Điều tôi thấy
phrases-request = Điều tôi cần
phrases-answer = Trả lời
phrase-look-here = Nhìn đây
phrase-come-here = Lại đây
phrase-follow-me = Đi theo tôi
phrase-stop = Dừng lại
phrase-wait = Chờ đã
phrase-careful = Cẩn thận
phrase-step-back = Lùi lại
phrase-your-turn = Đến lượt bạn
phrase-fresh-welds = Mối hàn mới
phrase-fresh-paint = Sơn mới
phrase-new-bolts = Bu lông mới
phrase-wall-too-thick = Vách này quá dày
phrase-floor-uneven = Sàn không phẳng
phrase-seal-mismatch = Số niêm phong không khớp
phrase-weight-mismatch = Trọng lượng không khớp
phrase-looks-normal = Trông bình thường
phrase-check-the-seal-number = Kiểm tra số niêm phong
phrase-check-the-documents = Kiểm tra chứng từ
phrase-need-the-x-ray = Tôi cần máy X-quang
phrase-need-light = Tôi cần đèn
phrase-measure-this = Đo chỗ này
phrase-open-this = Mở cái này
phrase-help-me = Giúp tôi
phrase-mark-it = Đánh dấu là phát hiện
phrase-confirmed = Xác nhận
phrase-i-disagree = Tôi không đồng ý
phrase-yes = Có
phrase-no = Không
phrase-not-sure = Tôi không chắc
phrase-done = Xong
phrase-say-again = Nói lại
phrase-thank-you = Cảm ơn

# Signs in a container's papers (the risk-assessment stage)
sign-route = Tuyến đường
sign-hs-code = Mã HS không khớp hàng hóa
sign-weight = Trọng lượng không hợp lý
sign-parties = Người gửi hoặc người nhận
sign-seal = Số niêm phong khác
sign-description = Mô tả hàng mơ hồ
