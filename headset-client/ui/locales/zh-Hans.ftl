# Crossdock client interface: Simplified Chinese (简体中文).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before classroom use.

## The drill
participants = 参与者
participants-count = 参与者（{ $count }）
paused = 已暂停
revealed = 真相已揭晓
resealed = 已重新施封
voice-recorded = 本场会话会录音
scenario = 场景
switch-scenario = 切换到此场景
seed = 随机种子
rerandomise = 重新随机
pause = 暂停
resume = 继续
reset = 重置
reveal = 揭示真相
end-drill = 结束演练
bookmark = 书签
bookmark-note = 讲评备注（可选）
highlight = 高亮我正看着的物品
point = 指向前方
truth = 隐藏的物品
nothing-hidden = 没有隐藏物品：集装箱正常。

## People
link-quality = { $rtt } 毫秒，丢包 { $loss } %
gone = 已离开演练
talking = 正在讲话
muted = 已静音
frozen = 已冻结
lead = 负责人
mute = 静音
unmute = 取消静音
freeze = 冻结
unfreeze = 解除冻结
summon = 召集
teleport-here = 带到这里
give-lead = 指定为负责人
remove = 移出
remove-confirm = 再次点击以移出
mute-all = 全部静音
unmute-all = 全部取消静音
freeze-all = 全部冻结
unfreeze-all = 全部解除冻结
summon-all = 召集所有人
teleport-all-here = 全部带到这里
lock-self-unmute = 学员不能自行取消静音
admit-observers = 允许观察员加入
locked-tools = 已锁定的工具

## Findings
findings-count = 查获（{ $count }）
no-findings = 尚无查获。
marked-by = 标记人：{ $names }
confirm = 确认
reject = 驳回
status-open = 待审
status-confirmed = 已确认
status-rejected = 已驳回

## Documents
documents = 单证
shipper = 发货人
consignee = 收货人
route = 航线
seal-declared = 单证上的封志号
seal-fitted = 实际封志
declared-gross = 申报毛重
kilograms = { $kg } 千克
goods = 货物
hs-code = HS 编码
packages = 件数
gross = 毛重

## Readings
readings = 检测结果
no-readings = 尚无检测结果。
reading-documents = 已审核单证
reading-seal = 封志 { $number }，{ $condition }
seal-intact = 完好
seal-intact-re-sealed = 完好（已重新施封）
reading-distance = { $mm } 毫米
reading-mass = { $kg } 千克
reading-image = X 光图像 { $width }×{ $height }
reading-density = { $value } 千克/立方米
reading-trace-alarm = 报警：{ $class }
reading-trace-clear = 未检出痕量
reading-dose = { $value } nSv/h
reading-opened = 已开启：{ $content }

## Tags in the scene
tag-seal = 封志 { $number }
tag-finding = 查获 #{ $id }（{ $status }）

## Tools
mode-mark = 标记查获

## Refusals

## Views
view-free = 自由视角
view-own = 我的视角
view-overview = 俯视全景
view-first-person = 第一人称 / 肩后视角
camera-free = 自由视角
camera-overview = 俯视全景
camera-follow-shoulder = 跟随 { $name }，肩后视角
camera-follow-first = 跟随 { $name }，第一人称
camera-nobody = 这里没有名为 { $name } 的人（在场：{ $present }）：显示俯视全景

## Voice
voice-not-built = 此版本不含语音功能：使用 "cargo build --features voice"（或 audio-devices）重新构建即可说话和收听。
voice-not-in-browser = 浏览器房间暂不支持语音：请通过桌面应用、头显应用或电话交谈。
voice-muted = 语音：已静音
voice-talking = 语音：正在讲话
voice-open = 语音：开启（按住 T 讲话）
mute-me = 关闭我的麦克风
unmute-me = 打开我的麦克风
all-call = 对所有人讲话

## Keys
keys = 快捷键
keys-observer = F1 自由视角 · F2 跟随下一位参与者 · F3 俯视全景 · C 第一人称 / 肩后 · 拖动鼠标环顾 · WASD QE 飞行
keys-participant = WASD 行走 · 拖动鼠标环顾 · G 拿起或放下 · 空格 使用工具 · Tab 下一个工具 · M 标记查获 · O 开关门 · F1–F3 视角 · F 指示 · L 说短语
keys-instructor = P 暂停 · R 揭示 · F5 重置 · F8 结束演练 · U 召集 · Z 冻结 · H 高亮 · K 指示 · Y/N 判定最早的待审查获 · F9 书签
keys-voice = T 按住讲话 · V 静音或取消 · B 对所有人讲话（教官）

# The debrief
debrief-problem = 讲评已停止：{ $problem }
debrief-drill = 要讲评的演练
debrief-latest = （最近结束的一次，或本次）
debrief-open = 打开讲评
debrief-of = 演练 { $drill } 讲评
debrief-previous = 上一个事件
debrief-back = 后退一步
debrief-play = 播放
debrief-pause = 暂停
debrief-forward = 前进一步
debrief-next = 下一个事件
debrief-close = 关闭讲评
debrief-speed = 速度
ghost-detail = { $detail } · 记录
marker-finding = 标记发现：{ $category }
marker-cosigned = 会签发现：{ $category }
marker-confirmed = 确认发现
marker-rejected = 驳回发现
marker-reading = 使用{ $tool }
marker-opened = 打开包件
marker-door-opened = 打开了门
marker-door-closed = 关上了门
marker-resealed = 重新施封集装箱
marker-paused = 暂停演练
marker-resumed = 继续演练
marker-revealed = 揭示真相
marker-talk = 发言 { $seconds } 秒
marker-bookmark = 书签
marker-said = 说

## Phrases that cross languages (the panel and the tablet)
phrases-heading = 短语
phrases-none = 还没有人说话。
phrases-say = 说一句短语
phrases-tools = 工具
phrases-findings = 查获
phrases-scenario = 本次演练的短语
wheel-more = 更多…

## Interpretation channels
listen-to = 收听
channel-floor = 现场原声
floor-level = 传译时的现场音量
interpreting = 您正在传译为{ $language }：您听到现场原声，只有收听{ $language }频道的人能听到您。
interprets = 传译为{ $language }
interpreter-into = 传译语言

## Live captions
captions-show = 显示实时字幕
captions-none = 尚无字幕：有人说话时会出现。
captions-off-server = 此服务器未开启实时字幕：中心可通过语音识别进程开启（captions_worker，见 README）。
marker-caption = 字幕

# Pointing with a hand
point-start = 用手指示
point-stop = 停止指示
pointing-now = 所有人都能看到你指的位置。

# The risk-assessment stage
risk-heading = 风险评估：查验哪个集装箱？
risk-closed = 风险评估已结束：请查验您面前的集装箱。
risk-wait = 您已选择。所有学员选择后（或教官关闭此阶段）才能开门。
risk-help = 阅读每个集装箱的单证，勾选需要查验的迹象，然后选择要查验的集装箱。每人独立选择一次。
risk-progress = { $trainees } 名学员中已有 { $chosen } 名选择。全部选择前箱门保持关闭。
risk-no-reasons = 未给出理由
risk-you-chose = 您选择了第 { $number } 个集装箱：{ $why }。
risk-reasons = 您看到的迹象
risk-candidate = 第 { $number } 个集装箱：{ $container }
risk-here = 您面前的集装箱
risk-choose = 查验这个
risk-close = 结束风险评估（允许开门）
standing-heading = 您的进度：{ $curriculum }
