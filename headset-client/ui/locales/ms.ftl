# Crossdock client interface: Malay (Bahasa Melayu).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before classroom use.

## The drill
participants = Peserta
participants-count = Peserta ({ $count })
paused = DIJEDA
revealed = kebenaran didedahkan
resealed = dimeterai semula
voice-recorded = Sesi ini merakam suara
scenario = Senario
switch-scenario = Tukar ke senario ini
seed = Benih rawak
rerandomise = Rawakkan semula
pause = Jeda
resume = Sambung
reset = Set semula
reveal = Dedahkan kebenaran
end-drill = Tamatkan latihan
bookmark = Tanda
bookmark-note = Catatan untuk taklimat (pilihan)
highlight = Serlahkan yang saya lihat
point = Tunjuk ke hadapan
truth = Apa yang disembunyikan
nothing-hidden = Tiada apa-apa disembunyikan: kontena bersih.

## People
link-quality = { $rtt } ms, { $loss } % hilang
gone = telah meninggalkan latihan
talking = sedang bercakap
muted = disenyapkan
frozen = dibekukan
lead = ketua
mute = Senyapkan
unmute = Nyahsenyap
freeze = Bekukan
unfreeze = Nyahbeku
summon = Panggil
teleport-here = Bawa ke sini
give-lead = Jadikan ketua
remove = Keluarkan
remove-confirm = Klik sekali lagi untuk mengeluarkan
mute-all = Senyapkan semua
unmute-all = Nyahsenyap semua
freeze-all = Bekukan semua
unfreeze-all = Nyahbeku semua
summon-all = Panggil semua
teleport-all-here = Bawa semua ke sini
lock-self-unmute = Pelatih tidak boleh menyahsenyap sendiri
admit-observers = Pemerhati boleh menyertai
locked-tools = Alat yang dikunci

## Findings
findings-count = Penemuan ({ $count })
no-findings = Belum ada penemuan.
marked-by = oleh { $names }
confirm = Sahkan
reject = Tolak
status-open = menunggu
status-confirmed = disahkan
status-rejected = ditolak

## Documents
documents = Dokumen
shipper = Pengirim
consignee = Penerima
route = Laluan
seal-declared = Meterai dalam dokumen
seal-fitted = Meterai yang dipasang
declared-gross = Berat kasar diisytiharkan
kilograms = { $kg } kg
goods = Barangan
hs-code = Kod HS
packages = Bungkusan
gross = Berat kasar

## Readings
readings = Bacaan
no-readings = Belum ada bacaan.
reading-documents = dokumen disemak
reading-seal = meterai { $number }, { $condition }
seal-intact = utuh
seal-intact-re-sealed = utuh (dielak semula)
reading-distance = { $mm } mm
reading-mass = { $kg } kg
reading-image = imej X-ray { $width }×{ $height }
reading-density = { $value } kg/m³
reading-trace-alarm = AMARAN: { $class }
reading-trace-clear = tiada kesan
reading-dose = { $value } nSv/j
reading-opened = dibuka: { $content }

## Tags in the scene
tag-seal = Meterai { $number }
tag-finding = Penemuan #{ $id } ({ $status })

## Tools
mode-mark = Tandakan penemuan

## Refusals

## Views
view-free = Kamera bebas
view-own = Pandangan saya
view-overview = Pandangan atas
view-first-person = Orang pertama / dari bahu
camera-free = kamera bebas
camera-overview = pandangan atas
camera-follow-shoulder = mengikuti { $name }, dari bahu
camera-follow-first = mengikuti { $name }, orang pertama
camera-nobody = tiada sesiapa bernama { $name } di sini (yang ada: { $present }): memaparkan pandangan atas

## Voice
voice-not-built = Binaan ini tiada suara: bina semula dengan "cargo build --features voice" (atau audio-devices) untuk bercakap dan mendengar.
voice-not-in-browser = Bilik pelayar belum ada suara: bercakap melalui aplikasi desktop, aplikasi set kepala atau telefon.
voice-muted = Suara: disenyapkan
voice-talking = Suara: sedang bercakap
voice-open = Suara: terbuka (tahan T untuk bercakap)
mute-me = Senyapkan saya
unmute-me = Nyahsenyap saya
all-call = Bercakap kepada semua

## Keys
keys = Pintasan papan kekunci
keys-observer = F1 kamera bebas · F2 ikut peserta seterusnya · F3 pandangan atas · C orang pertama / bahu · seret untuk melihat · WASD QE untuk terbang
keys-participant = WASD berjalan · seret untuk melihat · G pegang atau lepas · Space guna alat · Tab alat seterusnya · M tandakan penemuan · O buka atau tutup pintu · F1–F3 pandangan · F tunjuk · L sebut frasa
keys-instructor = P jeda · R dedahkan · F5 set semula · F8 tamatkan · U panggil · Z bekukan · H serlahkan · K tunjuk · Y/N nilai penemuan terawal · F9 tanda
keys-voice = T tahan untuk bercakap · V senyap atau nyahsenyap · B bercakap kepada semua (jurulatih)

# The debrief
debrief-problem = Taklimat semula terhenti: { $problem }
debrief-drill = Latihan untuk taklimat
debrief-latest = (yang terakhir tamat, atau yang ini)
debrief-open = Buka taklimat semula
debrief-of = Taklimat semula latihan { $drill }
debrief-previous = Peristiwa sebelumnya
debrief-back = Undur selangkah
debrief-play = Main
debrief-pause = Jeda
debrief-forward = Maju selangkah
debrief-next = Peristiwa seterusnya
debrief-close = Tutup taklimat semula
debrief-speed = Kelajuan
ghost-detail = { $detail } · rakaman
marker-finding = menanda penemuan: { $category }
marker-cosigned = turut menandatangani penemuan: { $category }
marker-confirmed = mengesahkan penemuan
marker-rejected = menolak penemuan
marker-reading = menggunakan { $tool }
marker-opened = membuka bungkusan
marker-door-opened = membuka pintu
marker-door-closed = menutup pintu
marker-resealed = memeterai semula kontena
marker-paused = menjeda latihan
marker-resumed = menyambung latihan
marker-revealed = mendedahkan kebenaran
marker-talk = bercakap { $seconds } saat
marker-bookmark = penanda
marker-said = berkata

## Phrases that cross languages (the panel and the tablet)
phrases-heading = Frasa
phrases-none = Belum ada yang berkata apa-apa.
phrases-say = Sebut frasa
phrases-tools = Alat
phrases-findings = Penemuan
phrases-scenario = Frasa latihan ini
wheel-more = Lagi…

## Interpretation channels
listen-to = Dengar saluran
channel-floor = Suara bilik
floor-level = Suara bilik semasa jurubahasa
interpreting = Anda menterjemah ke { $language }: anda mendengar suara bilik, dan hanya pendengar saluran { $language } mendengar anda.
interprets = jurubahasa { $language }
interpreter-into = Jurubahasa ke

## Live captions
captions-show = Tunjukkan sari kata langsung
captions-none = Belum ada sari kata: ia muncul apabila orang bercakap.
captions-off-server = Sari kata langsung dimatikan pada pelayan ini: pusat menghidupkannya dengan pekerja pertuturan (captions_worker, lihat README).
marker-caption = sari kata

# Pointing with a hand
point-start = Tunjuk dengan tangan
point-stop = Berhenti menunjuk
pointing-now = Semua orang nampak tempat yang anda tunjuk.

# The risk-assessment stage
risk-heading = Penilaian risiko: kontena mana yang diperiksa?
risk-closed = Penilaian risiko sudah tamat: periksa kontena di hadapan anda.
risk-wait = Anda sudah memilih. Pintu boleh dibuka selepas semua pelatih memilih (atau jurulatih menutup peringkat ini).
risk-help = Baca dokumen setiap kontena. Tandakan petanda yang memerlukan pemeriksaan, kemudian pilih kontena untuk diperiksa. Anda memilih sekali, bersendirian.
risk-progress = { $chosen } daripada { $trainees } pelatih sudah memilih. Pintu kekal tertutup sehingga semua memilih.
risk-no-reasons = tiada sebab diberi
risk-you-chose = Anda memilih kontena { $number }: { $why }.
risk-reasons = Petanda yang anda lihat
risk-candidate = Kontena { $number }: { $container }
risk-here = di hadapan anda
risk-choose = Periksa yang ini
risk-close = Tutup penilaian risiko (pintu boleh dibuka)
standing-heading = Kedudukan anda: { $curriculum }
