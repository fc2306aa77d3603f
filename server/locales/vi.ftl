# Crossdock drill reports: Vietnamese (Tiếng Việt).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before use with a class.

## The drill report
report-title = Báo cáo buổi tập: { $scenario } ({ $drill })
report-summary = Bắt đầu { $started }, { $seconds } giây tập, { $status }, hạt giống { $seed }. Giảng viên: { $instructors }.
report-origin = Từ gói kịch bản **{ $pack }** phiên bản { $version }, do { $publisher } ({ $administration }) phát hành; gói { $sha }.
report-running = đang diễn ra
report-ended = đã kết thúc ({ $how })
report-none = không có
report-unnamed = không tên
report-scoring = Cách tính điểm: { $formula }.
report-formula = điểm = { $wd } × phát hiện + { $wp } × quy trình + { $we } × phạm vi kiểm tra − { $wf } × báo động sai (0 đến 1); đạt khi từ { $pass } trở lên và tự làm ít nhất một bước quy trình
report-end-ended = người hướng dẫn kết thúc
report-end-restarted = kịch bản được bắt đầu lại
report-end-not-resumed = máy chủ khởi động lại với kịch bản khác
report-withheld = Bài tập này vẫn đang diễn ra và sự thật chưa được công bố: những gì bị giấu, phát hiện và bỏ sót, cùng điểm số sẽ hiện ở đây khi người hướng dẫn công bố hoặc bài tập kết thúc.
report-hidden = Những gì bị giấu
report-clean = Không có: công-te-nơ sạch. Mọi phát hiện đều là báo động sai.
report-shown-by = phát hiện được bằng: { $tools }
report-class = Lớp: { $passed } trên { $trainees } đạt, trung bình { $average }
report-team-procedure = Quy trình của nhóm: { $score } trên { $max } bước đúng thứ tự
report-score-line = Điểm { $score } = { $wd } × phát hiện { $d } + { $wp } × quy trình { $p } + { $we } × phạm vi kiểm tra { $e } − { $wf } × { $f } báo động sai: { $result }.
report-own-steps = Các bước quy trình tự làm: { $steps }
report-step-at = { $step } lúc { $seconds } giây
report-out-of-order = (sai thứ tự)
report-indicators = Đã kiểm tra dấu hiệu bằng: { $tools }
report-found = Phát hiện **{ $concealment }** qua phát hiện #{ $finding } lúc { $seconds } giây
report-missed = Bỏ sót **{ $concealment }**: { $hint }
report-hint-unread = một lần đo bằng { $tools } lẽ ra đã cho thấy
report-hint-unmarked = lần đo bằng { $tools } của chính họ đã cho thấy, nhưng không đánh dấu phát hiện
report-false-alarms = Báo động sai: { $ids }
report-idle = Nhật ký không ghi nhận hành động nào.
report-not-done = chưa làm
report-yes = có
report-no = không
report-looked-cargo = Nhìn lâu nhất vào: { $cargo }
report-second-place = Tham gia từ nơi thứ hai khi vẫn đang kết nối ở nơi đầu { $count } lần: kết nối mới thay thế (lời mời dùng trên hai thiết bị hoặc bị chia sẻ).
report-risk = Đánh giá rủi ro: chọn container { $number } ({ $container }) sau { $seconds } giây, lý do: { $signs }.
report-risk-score = Chứng từ của nó có { $risk } dấu hiệu; ứng viên rủi ro nhất có { $highest } (container { $best }): điểm chọn { $choice }. Lý do { $reasons } (đúng: { $right }; không có trong chứng từ: { $wrong }; bỏ sót: { $missed }). Điểm rủi ro { $score } = 0,7 × chọn + 0,3 × lý do.
report-risk-nothing = không có
report-picture-trail = Nhìn từ trên xuống: đường đi (từ vòng tròn xanh đến ô vuông đỏ), sàn và hàng hóa đã nhìn (cam: nhìn lâu hơn), cửa là đường nét đứt bên phải, vách giả màu xám.
report-picture-walls = Các vách nhìn từ bên trong, trải phẳng: nơi ánh mắt dừng lại (cam: lâu hơn).
report-timeline = Những việc đã làm, theo thứ tự
wall-left = vách trái
wall-front = vách trước
wall-right = vách phải
report-bookmarks = Dấu mốc
report-said = Cụm từ đã nói
report-transcript = Bản ghi lời nói (phụ đề trực tiếp)
report-floor = tại chỗ
report-picture-timeline = Dòng thời gian: việc đã làm (vạch), lúc nói (xanh lá) và dấu mốc của giảng viên (cam), phút ở dưới.
timeline-reading = đo đạc
timeline-door = cửa
timeline-finding = phát hiện
timeline-speech = lời nói
timeline-bookmark = dấu mốc
result-passed = đạt
result-failed = không đạt

## Table columns
col-administration = cơ quan
col-trainees = học viên
col-passed = đạt
col-average = trung bình
col-found = phát hiện
col-rank = hạng
col-trainee = học viên
col-admin = cơ quan
col-hits = phát hiện
col-misses = bỏ sót
col-false-alarms = báo động sai
col-examined = phạm vi kiểm tra
col-procedure = quy trình
col-joint = chung
col-spoke = đã nói
col-score = điểm
col-result = kết quả
col-step = bước
col-done-at = làm lúc
col-by = người làm
col-in-order = đúng thứ tự
col-at = lúc
col-did = hành động
col-started = bắt đầu
col-drill = buổi tập
col-scenario = tình huống
col-note = ghi chú
col-phrase = cụm từ
col-words = lời nói
col-channel = kênh
col-name = tên

## Progress across drills
progress-title = Tiến bộ qua các buổi tập
progress-none = Chưa có buổi tập nào.
progress-found = { $hits } trên { $hidden }
progress-change = Từ buổi tập đầu đến buổi cuối: { $change }.
progress-detection = Kỹ năng phát hiện
progress-detection-explained = Mỗi buổi tập yêu cầu mỗi học viên một quyết định cho từng loại cất giấu có thể có, và một quyết định cho toàn bộ công-te-nơ: có giấu hay không, đánh dấu hay cho qua. d′ là kỹ năng phân biệt hai trường hợp, bất kể mức sẵn sàng đánh dấu: 0 là đoán, 1 khá, từ 2 trở lên tốt. c là mức sẵn sàng đó: trên 0 thận trọng (bỏ sót nhiều hơn), dưới 0 dễ đánh dấu (báo nhầm nhiều hơn). Mọi tỷ lệ được hiệu chỉnh nửa lượt (log-linear), nên kết quả hoàn hảo vẫn cho con số hữu hạn.
progress-detection-few = quá ít buổi tập để kết luận
progress-detection-none = Chưa đo được: d′ cần các buổi tập có và không có hàng cất giấu.
detection-container = toàn bộ công-te-nơ
col-about = về
col-hidden-found = có giấu: tìm thấy
col-clean-flagged = sạch: đánh dấu
col-d-prime = d′ (khoảng 95 %)
col-criterion = c
col-time-to-flag = thời gian đến khi đánh dấu

## What someone did, on the timeline
did-use = dùng { $tool }
did-open-package = mở một kiện hàng ({ $content })
did-open-door = mở một cánh cửa
did-close-door = đóng một cánh cửa
did-reseal = niêm phong lại công-te-nơ ({ $number })
did-mark = đánh dấu phát hiện #{ $id } ({ $category })
did-cosign = cùng ký phát hiện #{ $id } ({ $category })

## Standing in a curriculum (crossdock-server standing)
standing-title = { $curriculum }: vị trí của { $learner }
standing-passed = đạt ngày { $on }
standing-retest = đạt ngày { $on }; đã đến hạn kiểm tra lại
standing-open = đang mở: luyện tập
standing-locked = khóa
standing-needs = Cần đạt { $levels } trước.
standing-few = Mới { $sat } trên { $needed } buổi tập yêu cầu.
standing-low = d′ { $d } thấp hơn mức { $needed } yêu cầu.
standing-one-sided = Cần các buổi tập có và không có hàng cất giấu để đo d′.
standing-critical = Đã bỏ sót điều không được bỏ sót: { $categories }.
standing-risk-none = Chưa có lựa chọn đánh giá rủi ro nào trong các buổi tập của cấp này.
standing-risk-low = Đánh giá rủi ro trung bình { $score } (cần { $needed }): hãy chọn container có chứng từ nhiều dấu hiệu nhất, với chính các dấu hiệu đó làm lý do.
standing-next = Buổi tập tiếp theo: { $scenario }.
standing-measure = d′ { $d } qua { $drills } buổi tập
standing-measure-none = chưa có d′ ({ $drills } buổi tập)
standing-explained = Mỗi cấp được công nhận bằng kỹ năng phát hiện qua các buổi tập của kịch bản luyện tập (d′ về toàn bộ công-te-nơ: có giấu hay sạch, đánh dấu hay cho qua; xem báo cáo tiến bộ để hiểu d′ và c), và không bao giờ đạt nếu bỏ sót điều trọng yếu. Các kịch bản chuyển giao, chưa từng luyện, được đo riêng: khoảng cách giữa hai con số cho biết kỹ năng có được chuyển giao hay không.
col-level = cấp
col-status = trạng thái
col-trained = đã luyện: d′ (buổi)
col-transfer = chuyển giao: d′ (buổi)
col-why = vì sao chưa

## A level's certificate (crossdock-server certificate)
certificate-title = Chứng nhận
certificate-certifies = Chứng nhận rằng
certificate-passed = đã đạt
certificate-on = ngày { $day }
certificate-measure = với kỹ năng phát hiện d′ { $d } qua { $drills } buổi tập
certificate-transfer = (d′ { $d } với các kịch bản chưa từng luyện)
certificate-explained = d′ đo mức một cán bộ phân biệt công-te-nơ có hàng cất giấu với công-te-nơ sạch, bất kể mức sẵn sàng đánh dấu: 0 là đoán, từ 2 trở lên là tốt. Cấp này yêu cầu mức đó qua đủ số buổi tập, và không bỏ sót điều không được bỏ sót.
certificate-issued = Cấp bởi { $issuer } ngày { $day }.
certificate-key = Ký bằng khóa
certificate-check = Ai cũng có thể kiểm tra:

## A cohort's detection skill over periods (crossdock-server cohort)
cohort-title = Kỹ năng phát hiện của một khóa học viên
cohort-chart = d′ về toàn bộ công-te-nơ theo từng giai đoạn, kèm khoảng 95 %: trên các kịch bản đã luyện, và trên các kịch bản chưa từng luyện
cohort-explained = Các con số gộp mọi quyết định của mọi học viên trong từng giai đoạn. Khoảng cách chuyển giao là d′ trên kịch bản mới trừ d′ trên kịch bản đã luyện: gần 0 nghĩa là kỹ năng được chuyển giao.
cohort-period = { $name }: từ { $from } đến { $to }
cohort-sat = { $learners } học viên, { $drills } buổi tập
cohort-trained = kịch bản đã luyện
cohort-transfer = chưa từng luyện (chuyển giao)
cohort-gap = khoảng cách chuyển giao
cohort-administration = cơ quan
