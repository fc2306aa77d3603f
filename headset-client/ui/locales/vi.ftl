# Crossdock client interface: Vietnamese (Tiếng Việt).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before classroom use.

## The drill
participants = Người tham gia
participants-count = Người tham gia ({ $count })
paused = TẠM DỪNG
revealed = đã công bố sự thật
resealed = đã niêm phong lại
voice-recorded = Phiên này ghi âm giọng nói
scenario = Tình huống
switch-scenario = Chuyển sang tình huống này
seed = Hạt giống ngẫu nhiên
rerandomise = Ngẫu nhiên lại
pause = Tạm dừng
resume = Tiếp tục
reset = Đặt lại
reveal = Công bố sự thật
end-drill = Kết thúc buổi tập
bookmark = Đánh dấu
bookmark-note = Ghi chú cho buổi rút kinh nghiệm (tùy chọn)
highlight = Làm nổi bật vật đang nhìn
point = Chỉ về phía trước
truth = Những gì bị giấu
nothing-hidden = Không có gì bị giấu: công-te-nơ sạch.

## People
link-quality = { $rtt } ms, mất { $loss } %
gone = đã rời bài tập
talking = đang nói
muted = đã tắt tiếng
frozen = bị tạm khóa
lead = trưởng nhóm
mute = Tắt tiếng
unmute = Bật tiếng
freeze = Tạm khóa
unfreeze = Mở khóa
summon = Gọi đến
teleport-here = Đưa đến đây
give-lead = Giao quyền trưởng nhóm
remove = Mời ra
remove-confirm = Nhấn lần nữa để mời ra
mute-all = Tắt tiếng tất cả
unmute-all = Bật tiếng tất cả
freeze-all = Tạm khóa tất cả
unfreeze-all = Mở khóa tất cả
summon-all = Gọi tất cả đến
teleport-all-here = Đưa tất cả đến đây
lock-self-unmute = Học viên không được tự bật tiếng
admit-observers = Cho phép người quan sát tham gia
locked-tools = Dụng cụ bị khóa

## Findings
findings-count = Phát hiện ({ $count })
no-findings = Chưa có phát hiện nào.
marked-by = bởi { $names }
confirm = Xác nhận
reject = Bác bỏ
status-open = chờ xét
status-confirmed = đã xác nhận
status-rejected = đã bác bỏ

## Documents
documents = Chứng từ
shipper = Người gửi hàng
consignee = Người nhận hàng
route = Tuyến đường
seal-declared = Số niêm phong trên chứng từ
seal-fitted = Niêm phong đang gắn
declared-gross = Tổng trọng lượng khai báo
kilograms = { $kg } kg
goods = Hàng hóa
hs-code = Mã HS
packages = Số kiện
gross = Trọng lượng

## Readings
readings = Kết quả đo
no-readings = Chưa có kết quả đo.
reading-documents = đã xem chứng từ
reading-seal = niêm phong { $number }, { $condition }
seal-intact = nguyên vẹn
seal-intact-re-sealed = nguyên vẹn (đã niêm phong lại)
reading-distance = { $mm } mm
reading-mass = { $kg } kg
reading-image = ảnh soi X-quang { $width }×{ $height }
reading-density = { $value } kg/m³
reading-trace-alarm = CẢNH BÁO: { $class }
reading-trace-clear = không có vết
reading-dose = { $value } nSv/h
reading-opened = đã mở: { $content }

## Tags in the scene
tag-seal = Niêm phong { $number }
tag-finding = Phát hiện #{ $id } ({ $status })

## Tools
mode-mark = Đánh dấu phát hiện

## Refusals

## Views
view-free = Camera tự do
view-own = Góc nhìn của tôi
view-overview = Toàn cảnh
view-first-person = Ngôi thứ nhất / sau vai
camera-free = camera tự do
camera-overview = toàn cảnh
camera-follow-shoulder = theo dõi { $name }, từ sau vai
camera-follow-first = theo dõi { $name }, ngôi thứ nhất
camera-nobody = không có ai tên { $name } ở đây (đang có: { $present }): hiển thị toàn cảnh

## Voice
voice-not-built = Bản dựng này không có giọng nói: dựng lại bằng "cargo build --features voice" (hoặc audio-devices) để nói và nghe.
voice-not-in-browser = Phòng trên trình duyệt chưa có giọng nói: hãy nói qua ứng dụng máy tính, ứng dụng trên kính hoặc điện thoại.
voice-muted = Giọng nói: tắt tiếng
voice-talking = Giọng nói: đang nói
voice-open = Giọng nói: bật (giữ T để nói)
mute-me = Tắt tiếng tôi
unmute-me = Bật tiếng tôi
all-call = Nói với tất cả

## Keys
keys = Phím tắt
keys-observer = F1 camera tự do · F2 theo dõi người tiếp theo · F3 toàn cảnh · C ngôi thứ nhất / sau vai · kéo chuột để nhìn · WASD QE để bay
keys-participant = WASD đi · kéo chuột để nhìn · G cầm hoặc thả · Space dùng dụng cụ · Tab dụng cụ tiếp theo · M đánh dấu phát hiện · O mở hoặc đóng cửa · F1–F3 góc nhìn · F chỉ · L nói cụm từ
keys-instructor = P tạm dừng · R công bố · F5 đặt lại · F8 kết thúc · U gọi đến · Z tạm khóa · H làm nổi bật · K chỉ · Y/N xét phát hiện cũ nhất · F9 đánh dấu
keys-voice = T giữ để nói · V tắt hoặc bật tiếng · B nói với tất cả (giảng viên)

# The debrief
debrief-problem = Buổi rút kinh nghiệm đã dừng: { $problem }
debrief-drill = Bài tập để rút kinh nghiệm
debrief-latest = (bài vừa kết thúc, hoặc bài này)
debrief-open = Mở rút kinh nghiệm
debrief-of = Rút kinh nghiệm bài tập { $drill }
debrief-previous = Sự kiện trước
debrief-back = Lùi một bước
debrief-play = Phát
debrief-pause = Tạm dừng
debrief-forward = Tiến một bước
debrief-next = Sự kiện tiếp theo
debrief-close = Đóng rút kinh nghiệm
debrief-speed = Tốc độ
ghost-detail = { $detail } · bản ghi
marker-finding = đánh dấu phát hiện: { $category }
marker-cosigned = cùng ký phát hiện: { $category }
marker-confirmed = xác nhận phát hiện
marker-rejected = bác bỏ phát hiện
marker-reading = dùng { $tool }
marker-opened = mở một kiện hàng
marker-door-opened = mở cửa
marker-door-closed = đóng cửa
marker-resealed = niêm phong lại công-te-nơ
marker-paused = tạm dừng bài tập
marker-resumed = tiếp tục bài tập
marker-revealed = công bố sự thật
marker-talk = nói { $seconds } giây
marker-bookmark = đánh dấu
marker-said = đã nói

## Phrases that cross languages (the panel and the tablet)
phrases-heading = Cụm từ
phrases-none = Chưa ai nói gì.
phrases-say = Nói một cụm từ
phrases-tools = Dụng cụ
phrases-findings = Phát hiện
phrases-scenario = Cụm từ của bài tập này
wheel-more = Thêm…

## Interpretation channels
listen-to = Nghe kênh
channel-floor = Âm thanh tại chỗ
floor-level = Âm thanh tại chỗ khi nghe phiên dịch
interpreting = Bạn phiên dịch sang { $language }: bạn nghe âm thanh tại chỗ, và chỉ người nghe kênh { $language } nghe thấy bạn.
interprets = phiên dịch sang { $language }
interpreter-into = Phiên dịch sang

## Live captions
captions-show = Hiện phụ đề trực tiếp
captions-none = Chưa có phụ đề: phụ đề hiện khi có người nói.
captions-off-server = Máy chủ này chưa bật phụ đề trực tiếp: trung tâm bật bằng tiến trình nhận dạng giọng nói (captions_worker, xem README).
marker-caption = phụ đề

# Pointing with a hand
point-start = Chỉ bằng tay
point-stop = Ngừng chỉ
pointing-now = Mọi người đều thấy chỗ bạn chỉ.

# The risk-assessment stage
risk-heading = Đánh giá rủi ro: kiểm tra container nào?
risk-closed = Bước đánh giá rủi ro đã xong: hãy kiểm tra container trước mặt bạn.
risk-wait = Bạn đã chọn. Cửa chỉ mở khi mọi học viên đã chọn (hoặc giảng viên đóng bước này).
risk-help = Đọc chứng từ của từng container. Đánh dấu các dấu hiệu cần kiểm tra, rồi chọn container để kiểm tra. Mỗi người tự chọn một lần.
risk-progress = { $chosen } trên { $trainees } học viên đã chọn. Cửa đóng cho đến khi tất cả đã chọn.
risk-no-reasons = không nêu lý do
risk-you-chose = Bạn đã chọn container { $number }: { $why }.
risk-reasons = Các dấu hiệu bạn thấy
risk-candidate = Container { $number }: { $container }
risk-here = trước mặt bạn
risk-choose = Kiểm tra container này
risk-close = Đóng bước đánh giá rủi ro (cho mở cửa)
standing-heading = Bạn đang ở đâu: { $curriculum }
