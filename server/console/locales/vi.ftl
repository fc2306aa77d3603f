# Crossdock console: Vietnamese (Tiếng Việt).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before use with a class.

console-title = Bảng điều khiển Crossdock
console-of-instructor = Bảng điều khiển của giảng viên
console-of-observer = Bảng điều khiển của người quan sát
tab-live = Trực tiếp
tab-class = Lớp học và lời mời
tab-drills = Buổi tập
watch-3d = Xem dạng 3D
who-you-are = { $name }, { $role }, phiên { $session }
done = Đã xong.

## Opening the console
login-heading = Mở bảng điều khiển
login-help = Dán liên kết bảng điều khiển hoặc liên kết mời của giảng viên. Lời mời của người quan sát chỉ để xem, không điều khiển được.
login-token = Liên kết mời hoặc mã thông báo
login-open = Mở
login-connecting = Đang kết nối…
login-lost = Mất kết nối với máy chủ. Tải lại trang để kết nối lại.
refused-version = Trang này thuộc phiên bản máy chủ khác: hãy tải lại.
refused-headset-invite = Lời mời này dành cho kính thực tế ảo. Hãy mở bảng điều khiển bằng lời mời của giảng viên, hoặc của người quan sát để chỉ xem.
refused-session = Máy chủ này không mở phiên { $session }: hãy xin lời mời vào một phiên mà máy chủ này mở.

## Live
watching-only = Bạn đang xem: chỉ bảng điều khiển của giảng viên mới điều khiển được buổi tập.
drill-heading = Buổi tập { $number }: { $scenario }
drill-running = đang diễn ra
drill-paused = tạm dừng
drill-elapsed = đã qua { $time }
drill-revealed = đã công bố sự thật
drill-debrief = đang xem lại buổi tập { $drill }
map-heading = Sơ đồ nhìn từ trên (cửa ở bên phải)
teleport-pick = Nhấp vào sơ đồ ở chỗ { $name } cần đến.
people-heading = Người tham gia
people-none = Chưa có ai tham gia.
tile-rtt = khứ hồi { $ms } ms
tile-loss = mất gói { $percent } %
tile-tool = dụng cụ: { $tool }
tile-last = gần nhất: { $action }
tile-talking = đang nói
tile-muted = tắt tiếng
tile-interprets = phiên dịch sang { $language }
tile-frozen = bị dừng
tile-lead = trưởng nhóm
tile-away = mất kết nối
tile-left = đã rời bài tập
action-grab = nhấc một vật lên
action-release = đặt một vật xuống
action-move = di chuyển hàng hóa
action-open-door = mở cửa
action-close-door = đóng cửa
action-reading = đo một chỉ số
action-finding = đánh dấu phát hiện
action-co-sign = cùng ký một phát hiện
action-reseal = niêm phong lại công-te-nơ
action-command = ra lệnh
action-mute = tắt micrô
action-unmute = bật micrô
action-say = đã nói một cụm từ
action-listen = chọn kênh
action-point = chỉ vào
action-point-stop = ngừng chỉ
action-choose = đã chọn container để kiểm tra
findings-heading = Phát hiện
findings-none = Chưa có phát hiện nào.
finding-by = bởi { $names }
finding-open = chờ đánh giá
finding-confirmed = đã xác nhận
finding-rejected = bị bác
finding-confirm = Xác nhận
finding-reject = Bác bỏ

## Steering
steer-pause = Tạm dừng
steer-resume = Tiếp tục
steer-reset = Làm lại từ đầu
steer-end = Kết thúc buổi tập
steer-rerandomise = Xáo lại ngẫu nhiên
steer-switch = Đổi tình huống
steer-mute-all = Tắt tiếng mọi học viên
steer-unmute-all = Bật tiếng mọi học viên
steer-lock-unmute = Khóa tự bật tiếng
steer-unlock-unmute = Cho phép tự bật tiếng
steer-freeze-all = Dừng mọi học viên
steer-unfreeze-all = Bỏ dừng mọi học viên
steer-summon-all = Gọi mọi người ra cửa
steer-reveal = Công bố sự thật
steer-observers-open = Người quan sát được vào
steer-observers-closed = Không nhận người quan sát
steer-close-risk = Đóng bước đánh giá rủi ro ({ $chosen } trên { $trainees } học viên đã chọn)
steer-open-debrief = Mở phần xem lại buổi tập trước
steer-close-debrief = Đóng phần xem lại
person-interpreter = Phiên dịch viên
person-not-interpreter = Không phải phiên dịch
person-mute = Tắt tiếng
person-unmute = Bật tiếng
person-freeze = Dừng
person-unfreeze = Bỏ dừng
person-summon = Gọi đến
person-teleport = Dịch chuyển
person-lead = Giao vai trưởng nhóm
person-remove = Mời ra
person-remove-confirm = Mời { $name } ra khỏi phiên?

## Class and invites
class-heading = Buổi tập mới
class-scenario = Tình huống
class-roster = Danh sách lớp (CSV: learner_id, display_name, administration, locale)
class-roster-help = Để trống để giữ danh sách hiện tại.
class-start = Bắt đầu buổi tập mới
class-invites = Lời mời
class-make-invites = Tạo tờ lời mời
class-print = In tờ lời mời
class-sheet-help = Mỗi thẻ cho một người vào: quét mã QR bằng kính hoặc điện thoại, hoặc mở { $room } và nhập mã sáu chữ số (dùng được { $minutes } phút, một lần).
class-server = Máy chủ: { $server }
class-expires = Lời mời có hiệu lực đến { $time }
class-code = Mã
class-any-trainee = Học viên bất kỳ
class-any-observer = Người quan sát bất kỳ
problem-roster = Không dùng được danh sách này: { $reason }
problem-roster-too-large = Danh sách lớp nặng { $kib } KiB, vượt quá { $max } KiB mà bảng điều khiển gửi được: hãy chia lớp thành các danh sách nhỏ hơn.
problem-too-large = Yêu cầu nặng { $kib } KiB, vượt quá { $max } KiB máy chủ nhận mỗi lần: không có gì thay đổi. Hãy gửi ít hơn mỗi lần (danh sách lớp: chia nhỏ lớp).
problem-no-drill = Phiên này không có buổi tập { $drill }.
problem-busy = Vẫn đang trả lời yêu cầu trước của bạn: hãy thử lại sau giây lát.

## Drills and reports
drills-heading = Các buổi tập của phiên này
drills-refresh = Làm mới
drills-none = Chưa có buổi tập nào.
drills-number = Buổi tập
drills-scenario = Tình huống
drills-started = Bắt đầu
drills-length = Thời lượng
drills-trainees = Người tham gia
drills-state = Trạng thái
drills-running = đang diễn ra
drills-ended = đã kết thúc
drills-report = Báo cáo
drills-debrief = Mở phần xem lại
report-heading = Báo cáo buổi tập { $drill }
report-print = In báo cáo
report-close = Đóng

## Trang phòng trên trình duyệt (/room), trước khi vào phòng
room-title = Phòng Crossdock
room-opening = Đang mở phòng…
room-name-label = Tên của bạn mà lớp sẽ thấy
room-name-enter = Vào phòng
room-code-heading = Nhập mã sáu chữ số trên thư mời
room-code-help = Hoặc mở liên kết mời, hoặc quét mã QR bằng kính hay điện thoại.
room-code-open = Mở
room-code-checking = Đang kiểm tra mã…
room-code-malformed = Mã tham gia gồm sáu chữ số: kiểm tra mã trên tờ thư mời.
room-code-unknown = Mã tham gia này không hợp lệ (sai, đã dùng hoặc hết hạn): kiểm tra các chữ số, hoặc xin giảng viên mã mới.
room-code-locked = Quá nhiều mã sai từ địa chỉ này: chờ { $minutes } phút, hoặc xin giảng viên liên kết mời.
room-no-server = Không kết nối được máy chủ này ({ $error }). Máy chủ có đang chạy không?
room-not-loaded = Không tải được phòng trên trình duyệt ({ $error }).
room-enter-vr = Vào VR
room-no-vr = Không vào được VR: { $error }
room-closed = Phòng đã đóng: { $reason }
