# Crossdock's domain words, shared by the clients, the reports and the console page: Japanese (日本語).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before classroom use.

## Tools
tool-documents = 書類
tool-seal-check = シール点検
tool-tape-measure = メジャー
tool-scale = はかり
tool-x-ray = X線
tool-density-meter = 密度計
tool-trace-detector = 痕跡探知機
tool-radiation-pager = 放射線警報器
tool-fiberscope = ファイバースコープ
tool-flashlight = 懐中電灯
tool-pry-bar = バール
tool-drill = ドリル
tool-knife = ナイフ

## Roles
role-instructor = 教官
role-trainee = 研修生
role-observer = 見学者

## Finding and concealment categories
category-false-wall = 偽装壁
category-narcotics = 麻薬
category-cigarettes = たばこ
category-undeclared-goods = 未申告貨物
category-weight-discrepancy = 重量の不一致
category-counterfeit = 偽造品
category-wildlife = 野生動植物
category-cash = 現金
category-weapons = 武器
category-radioactive = 放射性物質
category-explosives = 爆発物
category-seal-tampering = シールの改ざん

## Procedure steps
step-check-documents = 書類確認
step-check-seal = シール確認
step-scan = スキャン
step-open-doors = 扉を開ける
step-intrusive = 開披検査
step-mark-findings = 発見を記録
step-reseal = 再封印

## Refusals: why the server did not do what was asked
denied = 拒否されました：{ $reason }
deny-role-forbids = あなたの役割ではできません
deny-unknown-entity = それはもうありません
deny-already-held = 他の人が持っています
deny-hand-busy = その手はすでに物を持っています
deny-hand-empty = その手は何も持っていません
deny-out-of-reach = 届きません：もっと近づいてください
deny-out-of-bounds = コンテナの外に出てしまいます
deny-invalid-pose = 位置が正しくありません
deny-no-change = すでにその状態です
deny-tool-locked = 教官がその道具をロックしています
deny-frozen = 教官があなたを停止しています
deny-paused = 訓練は一時停止中です
deny-not-openable = 開けられません
deny-already-open = すでに開いています
deny-unknown-finding = その発見事項はありません
deny-already-signed = すでに署名済みの発見事項です
deny-invalid = 要求が正しくありません
deny-closed = 検査は終了しました（コンテナは再封印済み）
deny-unmute-locked = 教官がミュート解除をロックしています
deny-choose-first = リスク評価の段階です。まず検査するコンテナを選んでください
deny-choice-made = すでに選んだか、今は選ぶものがありません
deny-other = サーバーが拒否しました。

## Phrases that cross languages (protocol::phrase::PHRASEBOOK): groups, then sentences
phrases-attention = 注意
phrases-inspection = 見たもの
phrases-request = 必要なもの
phrases-answer = 返事
phrase-look-here = ここを見て
phrase-come-here = こっちに来て
phrase-follow-me = ついて来て
phrase-stop = 止まって
phrase-wait = 待って
phrase-careful = 気をつけて
phrase-step-back = 下がって
phrase-your-turn = あなたの番です
phrase-fresh-welds = 新しい溶接跡
phrase-fresh-paint = 新しい塗装
phrase-new-bolts = 新しいボルト
phrase-wall-too-thick = この壁は厚すぎます
phrase-floor-uneven = 床が平らではありません
phrase-seal-mismatch = シール番号が一致しません
phrase-weight-mismatch = 重量が一致しません
phrase-looks-normal = 正常に見えます
phrase-check-the-seal-number = シール番号を確認して
phrase-check-the-documents = 書類を確認して
phrase-need-the-x-ray = X線装置が必要です
phrase-need-light = 明かりが必要です
phrase-measure-this = ここを測って
phrase-open-this = これを開けて
phrase-help-me = 手伝って
phrase-mark-it = 発見として記録して
phrase-confirmed = 確認しました
phrase-i-disagree = 同意しません
phrase-yes = はい
phrase-no = いいえ
phrase-not-sure = わかりません
phrase-done = 完了
phrase-say-again = もう一度言ってください
phrase-thank-you = ありがとう

# Signs in a container's papers (the risk-assessment stage)
sign-route = 経路
sign-hs-code = HSコードが品目と合わない
sign-weight = 重量が合わない
sign-parties = 荷送人または荷受人
sign-seal = シール番号の相違
sign-description = 曖昧な品名
