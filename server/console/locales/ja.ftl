# Crossdock console: Japanese (日本語).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before use with a class.

console-title = Crossdock コンソール
console-of-instructor = 教官のコンソール
console-of-observer = 見学者のコンソール
tab-live = ライブ
tab-class = クラスと招待
tab-drills = 訓練
watch-3d = 3Dで見る
who-you-are = { $name }、{ $role }、セッション { $session }
done = 完了しました。

## Opening the console
login-heading = コンソールを開く
login-help = コンソールのリンクか教官の招待リンクを貼り付けてください。見学者の招待では見るだけで操作はできません。
login-token = 招待リンクまたはトークン
login-open = 開く
login-connecting = 接続しています…
login-lost = サーバーとの接続が切れました。ページを再読み込みして接続し直してください。
refused-version = このページは別のバージョンのサーバーのものです。再読み込みしてください。
refused-headset-invite = この招待はヘッドセット用です。教官の招待でコンソールを開くか、見学だけなら見学者の招待を使ってください。
refused-session = このサーバーはセッション { $session } を開いていません。このサーバーのセッションの招待を依頼してください。

## Live
watching-only = 見学中です。訓練を操作できるのは教官のコンソールだけです。
drill-heading = 訓練 { $number }：{ $scenario }
drill-running = 実施中
drill-paused = 一時停止中
drill-elapsed = 経過 { $time }
drill-revealed = 正解を公開済み
drill-debrief = 訓練 { $drill } の振り返りを表示中
map-heading = 上から見た図（扉は右側）
teleport-pick = { $name } を移動させる場所を図の上でクリックしてください。
people-heading = 参加者
people-none = まだ誰も参加していません。
tile-rtt = 往復 { $ms } ms
tile-loss = 損失 { $percent } %
tile-tool = 道具：{ $tool }
tile-last = 直前：{ $action }
tile-talking = 発話中
tile-muted = ミュート
tile-interprets = { $language }に通訳
tile-frozen = 停止中
tile-lead = リーダー
tile-away = 接続が切れています
tile-left = 訓練を退出
action-grab = 物を持ち上げた
action-release = 物を置いた
action-move = 貨物を動かした
action-open-door = 扉を開けた
action-close-door = 扉を閉めた
action-reading = 測定した
action-finding = 発見を記録した
action-co-sign = 発見に連署した
action-reseal = コンテナを再封印した
action-command = 指示を出した
action-mute = マイクを切った
action-unmute = マイクを入れた
action-say = フレーズを言った
action-listen = チャンネルを選択
action-point = 指し示した
action-point-stop = 指し示すのをやめた
action-choose = 検査するコンテナを選択
findings-heading = 発見
findings-none = まだ発見はありません。
finding-by = 記録者：{ $names }
finding-open = 判定待ち
finding-confirmed = 確認済み
finding-rejected = 却下
finding-confirm = 確認
finding-reject = 却下

## Steering
steer-pause = 一時停止
steer-resume = 再開
steer-reset = 最初から
steer-end = 訓練を終える
steer-rerandomise = 配置をやり直す
steer-switch = シナリオを切り替える
steer-mute-all = 訓練生を全員ミュート
steer-unmute-all = 訓練生のミュートを全員解除
steer-lock-unmute = 自分でのミュート解除を禁止
steer-unlock-unmute = 自分でのミュート解除を許可
steer-freeze-all = 訓練生を全員停止
steer-unfreeze-all = 全員の停止を解除
steer-summon-all = 全員を扉の前に呼ぶ
steer-reveal = 正解を公開
steer-observers-open = 見学者の参加を許可中
steer-observers-closed = 見学者の参加を拒否中
steer-close-risk = リスク評価を閉じる（訓練生 { $trainees } 人中 { $chosen } 人が選択）
steer-open-debrief = 直前の訓練の振り返りを開く
steer-close-debrief = 振り返りを閉じる
person-interpreter = 通訳者
person-not-interpreter = 通訳者ではない
person-mute = ミュート
person-unmute = ミュート解除
person-freeze = 停止
person-unfreeze = 停止解除
person-summon = 呼ぶ
person-teleport = 移動させる
person-lead = リーダーにする
person-remove = 退出させる
person-remove-confirm = { $name } をセッションから退出させますか？

## Class and invites
class-heading = 新しい訓練
class-scenario = シナリオ
class-roster = 受講者名簿（CSV：learner_id, display_name, administration, locale）
class-roster-help = 空のままなら今の名簿を使います。
class-start = 新しい訓練を始める
class-invites = 招待
class-make-invites = 招待シートを作る
class-print = 招待シートを印刷
class-sheet-help = カード1枚で1人が参加できます。ヘッドセットやスマートフォンでQRコードを読み取るか、{ $room } を開いて6桁のコードを入力してください（{ $minutes } 分間、1回有効）。
class-server = サーバー：{ $server }
class-expires = 招待の有効期限：{ $time }
class-code = コード
class-any-trainee = 訓練生（どなたでも）
class-any-observer = 見学者（どなたでも）
problem-roster = この名簿は使えません：{ $reason }
problem-roster-too-large = 名簿は { $kib } KiB で、コンソールが送れる { $max } KiB を超えています。クラスを小さな名簿に分けてください。
problem-too-large = { $kib } KiB あり、サーバーが一度に受け取れる { $max } KiB を超えています。何も変更されていません。分けて送ってください（名簿はクラスを分割）。
problem-no-drill = このセッションに訓練 { $drill } はありません。
problem-busy = 前の要求にまだ応答中です。少し待ってからもう一度どうぞ。

## Drills and reports
drills-heading = このセッションの訓練
drills-refresh = 更新
drills-none = まだ訓練はありません。
drills-number = 訓練
drills-scenario = シナリオ
drills-started = 開始
drills-length = 長さ
drills-trainees = 参加者
drills-state = 状態
drills-running = 実施中
drills-ended = 終了
drills-report = 報告書
drills-debrief = 振り返りを開く
report-heading = 訓練 { $drill } の報告書
report-print = 報告書を印刷
report-close = 閉じる

## ブラウザーの部屋のページ（/room）、入室前
room-title = Crossdock の部屋
room-opening = 部屋を開いています…
room-name-label = クラスに表示されるあなたの名前
room-name-enter = 部屋に入る
room-code-heading = 招待状の6桁のコードを入力してください
room-code-help = または招待リンクを開くか、ヘッドセットやスマートフォンでQRコードを読み取ってください。
room-code-open = 開く
room-code-checking = コードを確認しています…
room-code-malformed = 参加コードは6桁の数字です。招待シートのコードを確認してください。
room-code-unknown = この参加コードは無効です（誤り、使用済み、または期限切れ）。数字を確認するか、教官に新しいコードを依頼してください。
room-code-locked = このアドレスからの誤ったコードが多すぎます。{ $minutes } 分待つか、教官に招待リンクを依頼してください。
room-no-server = このサーバーに接続できません（{ $error }）。サーバーは動作していますか？
room-not-loaded = ブラウザーの部屋を読み込めませんでした（{ $error }）。
room-enter-vr = VR に入る
room-no-vr = VR に入れません: { $error }
room-closed = 部屋が閉じられました: { $reason }
