# Crossdock drill reports: Japanese (日本語).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before use with a class.

## The drill report
report-title = 訓練報告：{ $scenario }（{ $drill }）
report-summary = 開始 { $started }、訓練 { $seconds } 秒、{ $status }、シード { $seed }。教官：{ $instructors }。
report-origin = シナリオパック **{ $pack }** バージョン { $version }、発行元 { $publisher }（{ $administration }）、パック { $sha }。
report-running = 実施中
report-ended = 終了（{ $how }）
report-none = なし
report-unnamed = 名前なし
report-scoring = 採点：{ $formula }。
report-formula = 得点 = { $wd } × 発見 + { $wp } × 手順 + { $we } × 検査範囲 − { $wf } × 誤警報（0〜1）；{ $pass } 以上で、自分で行った手順が一つ以上あれば合格
report-end-ended = 教官が終了
report-end-restarted = シナリオを再開始
report-end-not-resumed = サーバーが別のシナリオで再起動
report-withheld = この訓練はまだ進行中で、真相は明かされていません。隠されていたもの、発見と見落とし、得点は、教官が明かすか訓練が終わるとここに表示されます。
report-hidden = 隠されていたもの
report-clean = なし：正常なコンテナです。すべての発見は誤警報です。
report-shown-by = 判明する手段：{ $tools }
report-class = クラス：{ $trainees } 人中 { $passed } 人合格、平均 { $average }
report-team-procedure = チームの手順：{ $max } 手順中 { $score } 手順が順序どおり
report-score-line = 得点 { $score } = { $wd } × 発見 { $d } + { $wp } × 手順 { $p } + { $we } × 検査範囲 { $e } − { $wf } × 誤警報 { $f } 件：{ $result }。
report-own-steps = 本人が行った手順：{ $steps }
report-step-at = { $step }（{ $seconds } 秒）
report-out-of-order = （順序違い）
report-indicators = 確認した指標：{ $tools }
report-found = 発見 #{ $finding } で **{ $concealment }** を発見（{ $seconds } 秒）
report-missed = **{ $concealment }** を見逃し：{ $hint }
report-hint-unread = { $tools } で測定していれば判明していました
report-hint-unmarked = 本人の { $tools } の測定に表れていましたが、発見として記録されませんでした
report-false-alarms = 誤警報：{ $ids }
report-idle = 記録された行動はありません。
report-not-done = 未実施
report-yes = はい
report-no = いいえ
report-looked-cargo = 最も長く見た貨物：{ $cargo }
report-second-place = 最初の接続が残ったまま別の場所から { $count } 回参加：新しい接続が引き継ぎました（招待を二台で使用、または共有）。
report-risk = リスク評価：{ $seconds } 秒後にコンテナ { $number }（{ $container }）を選択。根拠：{ $signs }。
report-risk-score = その書類の兆候は { $risk } 件、最もリスクの高い候補は { $highest } 件（コンテナ { $best }）：選択 { $choice }。根拠 { $reasons }（正しい根拠：{ $right }、書類にない：{ $wrong }、見落とし：{ $missed }）。リスク得点 { $score } = 0.7 × 選択 + 0.3 × 根拠。
report-risk-nothing = なし
report-picture-trail = 上から見た図：歩いた経路（緑の丸から赤い四角まで）、見た床と貨物（オレンジ：より長く）、右の破線は扉、灰色は偽装壁。
report-picture-walls = 内側から見た壁の展開図：視線が止まった場所（オレンジ：より長く）。
report-timeline = 行動の記録（順番）
wall-left = 左側壁
wall-front = 前壁
wall-right = 右側壁
report-bookmarks = ブックマーク
report-said = 発言したフレーズ
report-transcript = 発言記録（ライブ字幕）
report-floor = フロア
report-picture-timeline = タイムライン：行動（線）、発話（緑）、教官のブックマーク（オレンジ）、下は分。
timeline-reading = 測定
timeline-door = 扉
timeline-finding = 発見
timeline-speech = 発話
timeline-bookmark = ブックマーク
result-passed = 合格
result-failed = 不合格

## Table columns
col-administration = 所属税関
col-trainees = 研修生
col-passed = 合格
col-average = 平均
col-found = 発見
col-rank = 順位
col-trainee = 研修生
col-admin = 税関
col-hits = 発見
col-misses = 見逃し
col-false-alarms = 誤警報
col-examined = 検査範囲
col-procedure = 手順
col-joint = 共同
col-spoke = 発言
col-score = 得点
col-result = 結果
col-step = 手順
col-done-at = 実施時刻
col-by = 実施者
col-in-order = 順序どおり
col-at = 時刻
col-did = 行動
col-started = 開始
col-drill = 訓練
col-scenario = シナリオ
col-note = メモ
col-phrase = フレーズ
col-words = 発言
col-channel = チャンネル
col-name = 名前

## Progress across drills
progress-title = 訓練ごとの進捗
progress-none = まだ訓練はありません。
progress-found = { $hidden } 件中 { $hits } 件
progress-change = 最初の訓練から最後の訓練まで：{ $change }。
progress-detection = 検出能力
progress-detection-explained = 各訓練で訓練生は、隠匿があり得る分類ごとに1回、コンテナ全体について1回判断します：隠匿があるかないか、指摘するか通すか。d′は指摘しやすさに関係なく両者を見分ける能力です：0は当て推量、1はまずまず、2以上は良好。cはその指摘しやすさです：0より大きいと慎重（見逃しが増える）、0より小さいと指摘しやすい（誤警報が増える）。すべての率は半回分補正（log-linear）するため、完璧な記録でも有限の値になります。
progress-detection-few = 結論を出すには訓練が少なすぎます
progress-detection-none = まだ測定できません：d′には隠匿ありと隠匿なしの両方の訓練が必要です。
detection-container = コンテナ全体
col-about = 対象
col-hidden-found = 隠匿あり：発見
col-clean-flagged = 隠匿なし：指摘
col-d-prime = d′（95 % 区間）
col-criterion = c
col-time-to-flag = 指摘までの時間

## What someone did, on the timeline
did-use = { $tool }を使用
did-open-package = 梱包を開けた（{ $content }）
did-open-door = 扉を開けた
did-close-door = 扉を閉めた
did-reseal = コンテナを再封印（{ $number }）
did-mark = 発見 #{ $id } を記録（{ $category }）
did-cosign = 発見 #{ $id } に連署（{ $category }）

## Standing in a curriculum (crossdock-server standing)
standing-title = { $curriculum }：{ $learner } の到達状況
standing-passed = { $on } に合格
standing-retest = { $on } に合格、再試験の時期です
standing-open = 受講中
standing-locked = 未開放
standing-needs = 先に { $levels } の合格が必要です。
standing-few = 必要な { $needed } 回のうち { $sat } 回の訓練です。
standing-low = d′ { $d } が必要な { $needed } を下回っています。
standing-one-sided = d′ を測るには、隠匿ありと隠匿なしの両方の訓練が必要です。
standing-critical = 見逃してはならないものを見逃しました：{ $categories }。
standing-risk-none = このレベルの訓練で、まだリスク評価の選択がありません。
standing-risk-low = リスク評価の平均 { $score }（必要：{ $needed }）：書類の兆候が最も多いコンテナを、その兆候を根拠に選んでください。
standing-next = 次の訓練：{ $scenario }。
standing-measure = { $drills } 回の訓練で d′ { $d }
standing-measure-none = d′ はまだありません（{ $drills } 回）
standing-explained = 各レベルは、訓練用シナリオでの検出能力（コンテナ全体についての d′：隠匿の有無、指摘か通過か。d′ と c の意味は進捗報告を参照）で合格となり、重大な見逃しがあれば合格しません。訓練していない転移シナリオは別に測り、その差が能力の転移を示します。
col-level = レベル
col-status = 状況
col-trained = 訓練：d′（回）
col-transfer = 転移：d′（回）
col-why = 未合格の理由

## A level's certificate (crossdock-server certificate)
certificate-title = 修了証
certificate-certifies = 下記の者は
certificate-passed = に合格したことを証明する
certificate-on = { $day }
certificate-measure = 検出能力 d′ { $d }（{ $drills } 回の訓練）
certificate-transfer = （訓練していないシナリオで d′ { $d }）
certificate-explained = d′ は、指摘しやすさに関係なく、隠匿のあるコンテナと清浄なコンテナをどれだけ見分けられるかを測ります：0 は当て推量、2 以上は良好。このレベルは十分な訓練でこれを求め、見逃してはならないものの見逃しがないことを求めます。
certificate-issued = { $issuer } 発行、{ $day }。
certificate-key = 署名鍵
certificate-check = 誰でも確認できます：

## A cohort's detection skill over periods (crossdock-server cohort)
cohort-title = 受講者集団の検出能力
cohort-chart = 期間ごとのコンテナ全体についての d′ と 95 % 区間：訓練したシナリオと、訓練していないシナリオ
cohort-explained = 各期間のすべての受講者のすべての判断をまとめた数値です。転移の差は、未経験のシナリオの d′ から訓練したシナリオの d′ を引いたもので、0 に近ければ能力が転移しています。
cohort-period = { $name }：{ $from }〜{ $to }
cohort-sat = 受講者 { $learners } 名、訓練 { $drills } 回
cohort-trained = 訓練したシナリオ
cohort-transfer = 未訓練（転移）
cohort-gap = 転移の差
cohort-administration = 機関
