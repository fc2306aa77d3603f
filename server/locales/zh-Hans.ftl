# Crossdock drill reports: Simplified Chinese (简体中文).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before use with a class.

## The drill report
report-title = 演练报告：{ $scenario }（{ $drill }）
report-summary = 开始于 { $started }，演练 { $seconds } 秒，{ $status }，随机种子 { $seed }。教官：{ $instructors }。
report-origin = 来自情景包 **{ $pack }** 版本 { $version }，发布者 { $publisher }（{ $administration }）；包 { $sha }。
report-running = 仍在进行
report-ended = 已结束（{ $how }）
report-none = 无
report-unnamed = 未命名
report-scoring = 评分：{ $formula }。
report-formula = 得分 = { $wd } × 查获 + { $wp } × 流程 + { $we } × 检查范围 − { $wf } × 误报（0 到 1）；得分 { $pass } 及以上且本人至少完成一个流程步骤即为通过
report-end-ended = 由教官结束
report-end-restarted = 场景已重新开始
report-end-not-resumed = 服务器以另一个场景重新启动
report-withheld = 本次演练仍在进行，真相尚未揭晓：隐藏物品、命中与遗漏以及分数将在教官揭晓或演练结束后显示在此处。
report-hidden = 隐藏物品
report-clean = 无：集装箱正常。所有查获均为误报。
report-shown-by = 可由以下手段发现：{ $tools }
report-class = 全班：{ $trainees } 人中 { $passed } 人通过，平均 { $average }
report-team-procedure = 团队流程：{ $max } 个步骤中 { $score } 个按顺序完成
report-score-line = 得分 { $score } = { $wd } × 查获 { $d } + { $wp } × 流程 { $p } + { $we } × 查验范围 { $e } − { $wf } × 误报 { $f } 次：{ $result }。
report-own-steps = 本人完成的流程步骤：{ $steps }
report-step-at = { $step }（{ $seconds } 秒）
report-out-of-order = （顺序错误）
report-indicators = 检查指标所用工具：{ $tools }
report-found = 以查获 #{ $finding } 发现 **{ $concealment }**，用时 { $seconds } 秒
report-missed = 漏查 **{ $concealment }**：{ $hint }
report-hint-unread = 用{ $tools }检测本可发现
report-hint-unmarked = 本人的{ $tools }检测已显示，但未标记查获
report-false-alarms = 误报：{ $ids }
report-idle = 日志中没有任何操作记录。
report-not-done = 未完成
report-yes = 是
report-no = 否
report-looked-cargo = 注视最久的货物：{ $cargo }
report-second-place = 在首个连接仍在时从另一处加入 { $count } 次：由较新的连接接替（邀请在两台设备上使用或被共享）。
report-risk = 风险评估：{ $seconds } 秒后选择了第 { $number } 个集装箱（{ $container }），理由：{ $signs }。
report-risk-score = 其单证有 { $risk } 个迹象，风险最高的候选有 { $highest } 个（第 { $best } 个）：选择得分 { $choice }。理由得分 { $reasons }（正确：{ $right }；单证中没有：{ $wrong }；遗漏：{ $missed }）。风险得分 { $score } = 0.7 × 选择 + 0.3 × 理由。
report-risk-nothing = 无
report-picture-trail = 俯视图：行走路线（从绿色圆点到红色方块），注视过的地板和货物（橙色：时间更长），右侧虚线为箱门，灰色为假墙。
report-picture-walls = 从内部展开的箱壁：视线停留之处（橙色：时间更长）。
report-timeline = 操作记录（按时间顺序）
wall-left = 左侧壁
wall-front = 前端壁
wall-right = 右侧壁
report-bookmarks = 书签
report-said = 所说的短语
report-transcript = 发言记录（实时字幕）
report-floor = 现场
report-picture-timeline = 时间线：所做操作（刻线）、发言时段（绿色）和教官书签（橙色），下方为分钟。
timeline-reading = 读数
timeline-door = 箱门
timeline-finding = 发现
timeline-speech = 发言
timeline-bookmark = 书签
result-passed = 通过
result-failed = 未通过

## Table columns
col-administration = 所属海关
col-trainees = 学员
col-passed = 通过
col-average = 平均
col-found = 发现
col-rank = 名次
col-trainee = 学员
col-admin = 海关
col-hits = 查获
col-misses = 漏查
col-false-alarms = 误报
col-examined = 查验范围
col-procedure = 流程
col-joint = 联合
col-spoke = 发言
col-score = 得分
col-result = 结果
col-step = 步骤
col-done-at = 完成时间
col-by = 执行人
col-in-order = 顺序正确
col-at = 时间
col-did = 操作
col-started = 开始
col-drill = 演练
col-scenario = 场景
col-note = 备注
col-phrase = 短语
col-words = 内容
col-channel = 频道
col-name = 姓名

## Progress across drills
progress-title = 历次演练进展
progress-none = 尚无演练。
progress-found = { $hidden } 个中的 { $hits } 个
progress-change = 从第一次到最后一次演练：{ $change }。
progress-detection = 查获能力
progress-detection-explained = 每次演练中，每名学员对每个可能藏匿的类别作一次判断，对整个集装箱再作一次：有无藏匿，标记还是放行。d′ 是区分两者的能力，与标记的倾向无关：0 为猜测，1 尚可，2 及以上为良好。c 是这种倾向：大于 0 表示谨慎（漏检增多），小于 0 表示轻易标记（误报增多）。所有比率都按半次校正（log-linear），因此完美的记录也得出有限的数值。
progress-detection-few = 演练太少，无法得出结论
progress-detection-none = 尚无法测量：d′ 需要既有藏匿又无藏匿的演练。
detection-container = 整个集装箱
col-about = 对象
col-hidden-found = 有藏匿：查获
col-clean-flagged = 无藏匿：标记
col-d-prime = d′（95 % 区间）
col-criterion = c
col-time-to-flag = 标记用时

## What someone did, on the timeline
did-use = 使用了{ $tool }
did-open-package = 打开了一个包裹（{ $content }）
did-open-door = 打开了一扇门
did-close-door = 关上了一扇门
did-reseal = 重新施封集装箱（{ $number }）
did-mark = 标记了查获 #{ $id }（{ $category }）
did-cosign = 联署了查获 #{ $id }（{ $category }）

## Standing in a curriculum (crossdock-server standing)
standing-title = { $curriculum }：{ $learner } 的进度
standing-passed = { $on } 通过
standing-retest = { $on } 通过，已到复测时间
standing-open = 进行中：训练
standing-locked = 未解锁
standing-needs = 需先通过 { $levels }。
standing-few = 已完成要求的 { $needed } 次中的 { $sat } 次。
standing-low = d′ { $d } 低于要求的 { $needed }。
standing-one-sided = 测量 d′ 需要既有藏匿又无藏匿的演练。
standing-critical = 漏检了绝不能漏检的：{ $categories }。
standing-risk-none = 本级别的训练中尚未进行风险评估选择。
standing-risk-low = 风险评估平均 { $score }（需要 { $needed }）：选择单证迹象最多的集装箱，并以这些迹象为理由。
standing-next = 下一次演练：{ $scenario }。
standing-measure = { $drills } 次训练的 d′ 为 { $d }
standing-measure-none = 尚无 d′（{ $drills } 次训练）
standing-explained = 每一级以训练场景演练中的查获能力（对整个集装箱的 d′：有无藏匿，标记或放行；d′ 与 c 的含义见进度报告）判定通过，出现关键漏检则不通过。从未训练过的迁移场景单独测量，两者之差表明能力能否迁移。
col-level = 级别
col-status = 状态
col-trained = 训练：d′（次）
col-transfer = 迁移：d′（次）
col-why = 未通过原因

## A level's certificate (crossdock-server certificate)
certificate-title = 证书
certificate-certifies = 兹证明
certificate-passed = 已通过
certificate-on = { $day }
certificate-measure = 查获能力 d′ { $d }（{ $drills } 次演练）
certificate-transfer = （在从未训练过的场景中 d′ { $d }）
certificate-explained = d′ 衡量关员区分有藏匿与无藏匿集装箱的能力，与标记倾向无关：0 为猜测，2 及以上为良好。本级别要求在足够的演练中达到该值，且不得漏检绝不能漏检的物品。
certificate-issued = 由 { $issuer } 于 { $day } 颁发。
certificate-key = 签名密钥
certificate-check = 任何人都可以核验：

## A cohort's detection skill over periods (crossdock-server cohort)
cohort-title = 学员群体的查获能力
cohort-chart = 各期间对整个集装箱的 d′ 及其 95 % 区间：训练过的场景与从未训练过的场景
cohort-explained = 数值汇总了每个期间所有学员的全部判断。迁移差距是新场景的 d′ 减去训练场景的 d′：接近 0 表示能力可以迁移。
cohort-period = { $name }：{ $from } 至 { $to }
cohort-sat = 学员 { $learners } 名，演练 { $drills } 次
cohort-trained = 训练场景
cohort-transfer = 从未训练（迁移）
cohort-gap = 迁移差距
cohort-administration = 海关
