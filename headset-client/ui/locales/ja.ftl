# Crossdock client interface: Japanese (日本語).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before classroom use.

## The drill
participants = 参加者
participants-count = 参加者（{ $count }）
paused = 一時停止中
revealed = 真相公開済み
resealed = 再封印済み
voice-recorded = このセッションは音声を録音します
scenario = シナリオ
switch-scenario = このシナリオに切り替える
seed = シード
rerandomise = 再ランダム化
pause = 一時停止
resume = 再開
reset = リセット
reveal = 正解を公開
end-drill = 訓練終了
bookmark = ブックマーク
bookmark-note = 振り返り用メモ（任意）
highlight = 見ている物を強調
point = 前方を指し示す
truth = 隠されていたもの
nothing-hidden = 何も隠されていません：コンテナは正常です。

## People
link-quality = { $rtt } ms、損失 { $loss } %
gone = 訓練を退出
talking = 発言中
muted = ミュート中
frozen = 停止中
lead = リーダー
mute = ミュート
unmute = ミュート解除
freeze = 停止
unfreeze = 停止解除
summon = 呼び寄せる
teleport-here = ここへ移動
give-lead = リーダーにする
remove = 退出させる
remove-confirm = もう一度クリックで退出
mute-all = 全員ミュート
unmute-all = 全員ミュート解除
freeze-all = 全員停止
unfreeze-all = 全員停止解除
summon-all = 全員を呼び寄せる
teleport-all-here = 全員ここへ移動
lock-self-unmute = 研修生は自分でミュート解除できない
admit-observers = 見学者の参加を許可
locked-tools = ロック中の道具

## Findings
findings-count = 発見事項（{ $count }）
no-findings = まだ発見事項はありません。
marked-by = 記録者：{ $names }
confirm = 承認
reject = 却下
status-open = 審査待ち
status-confirmed = 承認済み
status-rejected = 却下済み

## Documents
documents = 書類
shipper = 荷送人
consignee = 荷受人
route = 経路
seal-declared = 書類上のシール番号
seal-fitted = 装着されたシール
declared-gross = 申告総重量
kilograms = { $kg } kg
goods = 品名
hs-code = HS コード
packages = 個数
gross = 総重量

## Readings
readings = 測定結果
no-readings = まだ測定結果はありません。
reading-documents = 書類を確認済み
reading-seal = シール { $number }、{ $condition }
seal-intact = 異常なし
seal-intact-re-sealed = 異常なし（再封印済み）
reading-distance = { $mm } mm
reading-mass = { $kg } kg
reading-image = X線画像 { $width }×{ $height }
reading-density = { $value } kg/m³
reading-trace-alarm = 警報：{ $class }
reading-trace-clear = 痕跡なし
reading-dose = { $value } nSv/h
reading-opened = 開封：{ $content }

## Tags in the scene
tag-seal = シール { $number }
tag-finding = 発見 #{ $id }（{ $status }）

## Tools
mode-mark = 発見を記録

## Refusals

## Views
view-free = 自由カメラ
view-own = 自分の視点
view-overview = 俯瞰
view-first-person = 一人称 / 肩越し
camera-free = 自由カメラ
camera-overview = 俯瞰
camera-follow-shoulder = { $name } を追跡、肩越し
camera-follow-first = { $name } を追跡、一人称
camera-nobody = { $name } という参加者はいません（在席：{ $present }）：俯瞰を表示します

## Voice
voice-not-built = このビルドには音声機能がありません："cargo build --features voice"（または audio-devices）で再ビルドすると話したり聞いたりできます。
voice-not-in-browser = ブラウザーの部屋にはまだ音声機能がありません。デスクトップアプリかヘッドセットのアプリ、または電話で話してください。
voice-muted = 音声：ミュート
voice-talking = 音声：発言中
voice-open = 音声：オン（T を押したまま話す）
mute-me = 自分をミュート
unmute-me = 自分のミュート解除
all-call = 全員に話す

## Keys
keys = ショートカットキー
keys-observer = F1 自由カメラ · F2 次の参加者を追跡 · F3 俯瞰 · C 一人称 / 肩越し · ドラッグで見回す · WASD QE で移動
keys-participant = WASD 歩く · ドラッグで見回す · G つかむ／放す · Space 道具を使う · Tab 次の道具 · M 発見を記録 · O 扉の開閉 · F1–F3 視点 · F 指し示す · L フレーズを言う
keys-instructor = P 一時停止 · R 公開 · F5 リセット · F8 訓練終了 · U 呼び寄せ · Z 停止 · H 強調 · K 指し示す · Y/N 最も古い発見を判定 · F9 ブックマーク
keys-voice = T 押したまま話す · V ミュート切替 · B 全員に話す（教官）

# The debrief
debrief-problem = 振り返りが止まりました: { $problem }
debrief-drill = 振り返る訓練
debrief-latest = （最後に終わった訓練、またはこの訓練）
debrief-open = 振り返りを開く
debrief-of = 訓練 { $drill } の振り返り
debrief-previous = 前の出来事
debrief-back = 1コマ戻る
debrief-play = 再生
debrief-pause = 一時停止
debrief-forward = 1コマ進む
debrief-next = 次の出来事
debrief-close = 振り返りを閉じる
debrief-speed = 速度
ghost-detail = { $detail } · 記録
marker-finding = 発見を記録: { $category }
marker-cosigned = 発見に連署: { $category }
marker-confirmed = 発見を確認
marker-rejected = 発見を却下
marker-reading = { $tool }を使用
marker-opened = 荷物を開封
marker-door-opened = 扉を開けた
marker-door-closed = 扉を閉めた
marker-resealed = コンテナを再封印
marker-paused = 訓練を一時停止
marker-resumed = 訓練を再開
marker-revealed = 真相を公開
marker-talk = { $seconds } 秒発話
marker-bookmark = ブックマーク
marker-said = 発言

## Phrases that cross languages (the panel and the tablet)
phrases-heading = フレーズ
phrases-none = まだ発言はありません。
phrases-say = フレーズを言う
phrases-tools = 道具
phrases-findings = 発見
phrases-scenario = この訓練のフレーズ
wheel-more = その他…

## Interpretation channels
listen-to = 聴くチャンネル
channel-floor = フロア音声
floor-level = 通訳中のフロア音量
interpreting = あなたは{ $language }に通訳しています：フロア音声が聞こえ、{ $language }チャンネルの聴き手だけがあなたの声を聞きます。
interprets = { $language }に通訳
interpreter-into = 通訳先の言語

## Live captions
captions-show = ライブ字幕を表示
captions-none = まだ字幕はありません：話すと表示されます。
captions-off-server = このサーバーではライブ字幕がオフです：センターが音声認識ワーカー（captions_worker、README 参照）でオンにできます。
marker-caption = 字幕

# Pointing with a hand
point-start = 手で指し示す
point-stop = 指し示すのをやめる
pointing-now = 指している場所は全員に見えます。

# The risk-assessment stage
risk-heading = リスク評価：どのコンテナを検査するか
risk-closed = リスク評価は終わりました。目の前のコンテナを検査してください。
risk-wait = 選択しました。訓練生全員が選ぶと（または教官がこの段階を閉じると）扉を開けられます。
risk-help = 各コンテナの書類を読み、検査が必要な兆候に印を付けてから、検査するコンテナを選んでください。選べるのは一人で一回です。
risk-progress = 訓練生 { $trainees } 人中 { $chosen } 人が選びました。全員が選ぶまで扉は閉じたままです。
risk-no-reasons = 理由なし
risk-you-chose = コンテナ { $number } を選びました：{ $why }。
risk-reasons = 見つけた兆候
risk-candidate = コンテナ { $number }：{ $container }
risk-here = 目の前のコンテナ
risk-choose = これを検査する
risk-close = リスク評価を閉じる（扉を開けられるようにする）
standing-heading = あなたの到達状況：{ $curriculum }
