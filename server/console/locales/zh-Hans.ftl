# Crossdock console: Simplified Chinese (简体中文).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before use with a class.

console-title = Crossdock 控制台
console-of-instructor = 教官控制台
console-of-observer = 观察员控制台
tab-live = 实时
tab-class = 班级与邀请
tab-drills = 演练
watch-3d = 以 3D 观看
who-you-are = { $name }，{ $role }，会话 { $session }
done = 已完成。

## Opening the console
login-heading = 打开控制台
login-help = 粘贴控制台链接或教官的邀请链接。观察员的邀请只能观看，不能指挥。
login-token = 邀请链接或令牌
login-open = 打开
login-connecting = 正在连接…
login-lost = 与服务器的连接已断开。请刷新页面重新连接。
refused-version = 此页面来自另一版本的服务器：请刷新。
refused-headset-invite = 此邀请用于头显。请用教官的邀请打开控制台，或用观察员的邀请观看。
refused-session = 此服务器没有开放会话 { $session }：请索取此服务器所开放会话的邀请。

## Live
watching-only = 您正在观看：只有教官的控制台可以指挥演练。
drill-heading = 演练 { $number }：{ $scenario }
drill-running = 进行中
drill-paused = 已暂停
drill-elapsed = 已用 { $time }
drill-revealed = 已公布真相
drill-debrief = 正在讲评演练 { $drill }
map-heading = 俯视图（箱门在右侧）
teleport-pick = 在图上点击 { $name } 要去的位置。
people-heading = 参与者
people-none = 还没有人加入。
tile-rtt = 往返 { $ms } 毫秒
tile-loss = 丢包 { $percent } %
tile-tool = 工具：{ $tool }
tile-last = 最近：{ $action }
tile-talking = 正在讲话
tile-muted = 已静音
tile-interprets = 传译为{ $language }
tile-frozen = 已冻结
tile-lead = 组长
tile-away = 连接中断
tile-left = 已离开演练
action-grab = 拿起了物品
action-release = 放下了物品
action-move = 移动了货物
action-open-door = 打开了箱门
action-close-door = 关上了箱门
action-reading = 进行了检测
action-finding = 标记了发现
action-co-sign = 会签了发现
action-reseal = 重新施封了集装箱
action-command = 下达了指令
action-mute = 关闭了麦克风
action-unmute = 打开了麦克风
action-say = 说了一句短语
action-listen = 选择频道
action-point = 指向
action-point-stop = 停止指向
action-choose = 选择了要查验的集装箱
findings-heading = 发现
findings-none = 还没有发现。
finding-by = 标记人：{ $names }
finding-open = 待判定
finding-confirmed = 已确认
finding-rejected = 已驳回
finding-confirm = 确认
finding-reject = 驳回

## Steering
steer-pause = 暂停
steer-resume = 继续
steer-reset = 重置
steer-end = 结束演练
steer-rerandomise = 重新随机
steer-switch = 切换场景
steer-mute-all = 全体学员静音
steer-unmute-all = 取消全体学员静音
steer-lock-unmute = 禁止自行取消静音
steer-unlock-unmute = 允许自行取消静音
steer-freeze-all = 冻结全体学员
steer-unfreeze-all = 解除全体冻结
steer-summon-all = 召集全体到箱门
steer-reveal = 公布真相
steer-observers-open = 允许观察员加入
steer-observers-closed = 拒绝观察员加入
steer-close-risk = 结束风险评估（{ $trainees } 名学员中 { $chosen } 名已选择）
steer-open-debrief = 打开上次演练的讲评
steer-close-debrief = 关闭讲评
person-interpreter = 传译员
person-not-interpreter = 非传译员
person-mute = 静音
person-unmute = 取消静音
person-freeze = 冻结
person-unfreeze = 解除冻结
person-summon = 召集
person-teleport = 传送
person-lead = 设为组长
person-remove = 移出
person-remove-confirm = 将 { $name } 移出会话？

## Class and invites
class-heading = 新演练
class-scenario = 场景
class-roster = 班级名单（CSV：learner_id, display_name, administration, locale）
class-roster-help = 留空则沿用当前名单。
class-start = 开始新演练
class-invites = 邀请
class-make-invites = 生成邀请单
class-print = 打印邀请单
class-sheet-help = 每张卡片供一人加入：用头显或手机扫描二维码，或打开 { $room } 并输入六位数字代码（{ $minutes } 分钟内有效，仅限一次）。
class-server = 服务器：{ $server }
class-expires = 邀请有效期至 { $time }
class-code = 代码
class-any-trainee = 任一学员
class-any-observer = 任一观察员
problem-roster = 无法使用该名单：{ $reason }
problem-roster-too-large = 名单大小为 { $kib } KiB，超过控制台可发送的 { $max } KiB：请把班级拆分成较小的名单。
problem-too-large = 该请求为 { $kib } KiB，超过服务器单次可接收的 { $max } KiB：未作任何更改。请分批发送（名单：拆分班级）。
problem-no-drill = 本会话中没有演练 { $drill }。
problem-busy = 仍在处理您上一个请求：请稍后再试。

## Drills and reports
drills-heading = 本会话的演练
drills-refresh = 刷新
drills-none = 还没有演练。
drills-number = 演练
drills-scenario = 场景
drills-started = 开始时间
drills-length = 时长
drills-trainees = 参与者
drills-state = 状态
drills-running = 进行中
drills-ended = 已结束
drills-report = 报告
drills-debrief = 打开讲评
report-heading = 演练 { $drill } 的报告
report-print = 打印报告
report-close = 关闭

## 浏览器房间页面（/room），进入房间之前
room-title = Crossdock 房间
room-opening = 正在打开房间…
room-name-label = 您的姓名（班级成员将看到）
room-name-enter = 进入房间
room-code-heading = 输入邀请上的六位数字代码
room-code-help = 或打开邀请链接，或用头显或手机扫描其二维码。
room-code-open = 打开
room-code-checking = 正在核对代码…
room-code-malformed = 加入代码为六位数字：请核对邀请单上的代码。
room-code-unknown = 此加入代码无效（错误、已使用或已过期）：请核对数字，或向教官索取新代码。
room-code-locked = 此地址输入错误代码次数过多：请等待 { $minutes } 分钟，或向教官索取邀请链接。
room-no-server = 无法连接此服务器（{ $error }）。服务器是否在运行？
room-not-loaded = 无法加载浏览器房间（{ $error }）。
room-enter-vr = 进入 VR
room-no-vr = 无法进入 VR：{ $error }
room-closed = 房间已关闭：{ $reason }
