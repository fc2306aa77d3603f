# Crossdock's domain words, shared by the clients, the reports and the console page: Simplified Chinese (简体中文).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before classroom use.

## Tools
tool-documents = 单证
tool-seal-check = 封志检查
tool-tape-measure = 卷尺
tool-scale = 秤
tool-x-ray = X 光机
tool-density-meter = 密度计
tool-trace-detector = 痕量探测器
tool-radiation-pager = 辐射报警仪
tool-fiberscope = 光纤内窥镜
tool-flashlight = 手电筒
tool-pry-bar = 撬棍
tool-drill = 电钻
tool-knife = 刀

## Roles
role-instructor = 教官
role-trainee = 学员
role-observer = 观察员

## Finding and concealment categories
category-false-wall = 夹层假墙
category-narcotics = 毒品
category-cigarettes = 香烟
category-undeclared-goods = 未申报货物
category-weight-discrepancy = 重量不符
category-counterfeit = 假冒商品
category-wildlife = 野生动植物
category-cash = 现金
category-weapons = 武器
category-radioactive = 放射性物质
category-explosives = 爆炸物
category-seal-tampering = 封志被篡改

## Procedure steps
step-check-documents = 审核单证
step-check-seal = 检查封志
step-scan = 扫描
step-open-doors = 开门
step-intrusive = 开箱查验
step-mark-findings = 标记查获
step-reseal = 重新施封

## Refusals: why the server did not do what was asked
denied = 被拒绝：{ $reason }
deny-role-forbids = 您的角色不能这样做
deny-unknown-entity = 该物品已不存在
deny-already-held = 其他人正拿着它
deny-hand-busy = 这只手已经拿着东西
deny-hand-empty = 这只手是空的
deny-out-of-reach = 够不着：请走近一些
deny-out-of-bounds = 会超出集装箱范围
deny-invalid-pose = 位置无效
deny-no-change = 已经是这样了
deny-tool-locked = 教官已锁定该工具
deny-frozen = 教官已冻结您
deny-paused = 演练已暂停
deny-not-openable = 无法打开
deny-already-open = 已经打开了
deny-unknown-finding = 没有这个查获
deny-already-signed = 您已签认此查获
deny-invalid = 请求无效
deny-closed = 查验已结束（集装箱已重新施封）
deny-unmute-locked = 教官已锁定取消静音
deny-choose-first = 风险评估阶段尚未结束：请先选择要查验的集装箱
deny-choice-made = 您已经选择过，或现在没有可选的
deny-other = 服务器拒绝了该请求。

## Phrases that cross languages (protocol::phrase::PHRASEBOOK): groups, then sentences
phrases-attention = 提醒
phrases-inspection = 所见
phrases-request = 所需
phrases-answer = 回答
phrase-look-here = 看这里
phrase-come-here = 过来
phrase-follow-me = 跟我来
phrase-stop = 停
phrase-wait = 等一下
phrase-careful = 小心
phrase-step-back = 退后
phrase-your-turn = 轮到你了
phrase-fresh-welds = 新焊缝
phrase-fresh-paint = 新油漆
phrase-new-bolts = 新螺栓
phrase-wall-too-thick = 这面墙太厚了
phrase-floor-uneven = 地板不平
phrase-seal-mismatch = 封志号码不符
phrase-weight-mismatch = 重量不符
phrase-looks-normal = 看起来正常
phrase-check-the-seal-number = 核对封志号码
phrase-check-the-documents = 核对单证
phrase-need-the-x-ray = 我需要X光机
phrase-need-light = 我需要照明
phrase-measure-this = 量一下这里
phrase-open-this = 打开这个
phrase-help-me = 帮帮我
phrase-mark-it = 标记为查获
phrase-confirmed = 确认
phrase-i-disagree = 我不同意
phrase-yes = 是
phrase-no = 不是
phrase-not-sure = 我不确定
phrase-done = 完成
phrase-say-again = 请再说一遍
phrase-thank-you = 谢谢

# Signs in a container's papers (the risk-assessment stage)
sign-route = 运输路线
sign-hs-code = HS 编码与货物不符
sign-weight = 重量不符
sign-parties = 发货人或收货人
sign-seal = 封志号不一致
sign-description = 货物描述含糊
