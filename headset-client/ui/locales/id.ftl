# Crossdock client interface: Indonesian (Bahasa Indonesia).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before classroom use.

## The drill
participants = Peserta
participants-count = Peserta ({ $count })
paused = DIJEDA
revealed = kebenaran diungkap
resealed = disegel ulang
voice-recorded = Sesi ini merekam suara
scenario = Skenario
switch-scenario = Ganti ke skenario ini
seed = Benih acak
rerandomise = Acak ulang
pause = Jeda
resume = Lanjutkan
reset = Atur ulang
reveal = Ungkap kebenaran
end-drill = Akhiri latihan
bookmark = Tandai
bookmark-note = Catatan untuk evaluasi (opsional)
highlight = Sorot yang saya lihat
point = Tunjuk ke depan
truth = Yang disembunyikan
nothing-hidden = Tidak ada yang disembunyikan: kontainer bersih.

## People
link-quality = { $rtt } md, { $loss } % hilang
gone = telah meninggalkan latihan
talking = sedang berbicara
muted = dibisukan
frozen = dibekukan
lead = pemimpin
mute = Bisukan
unmute = Bunyikan
freeze = Bekukan
unfreeze = Cairkan
summon = Panggil
teleport-here = Bawa ke sini
give-lead = Jadikan pemimpin
remove = Keluarkan
remove-confirm = Klik sekali lagi untuk mengeluarkan
mute-all = Bisukan semua
unmute-all = Bunyikan semua
freeze-all = Bekukan semua
unfreeze-all = Cairkan semua
summon-all = Panggil semua
teleport-all-here = Bawa semua ke sini
lock-self-unmute = Peserta latih tidak boleh membunyikan diri sendiri
admit-observers = Pengamat boleh bergabung
locked-tools = Alat yang dikunci

## Findings
findings-count = Temuan ({ $count })
no-findings = Belum ada temuan.
marked-by = oleh { $names }
confirm = Konfirmasi
reject = Tolak
status-open = menunggu
status-confirmed = dikonfirmasi
status-rejected = ditolak

## Documents
documents = Dokumen
shipper = Pengirim
consignee = Penerima
route = Rute
seal-declared = Segel di dokumen
seal-fitted = Segel terpasang
declared-gross = Berat kotor yang diberitahukan
kilograms = { $kg } kg
goods = Barang
hs-code = Kode HS
packages = Kemasan
gross = Berat kotor

## Readings
readings = Hasil pemeriksaan
no-readings = Belum ada hasil pemeriksaan.
reading-documents = dokumen diperiksa
reading-seal = segel { $number }, { $condition }
seal-intact = utuh
seal-intact-re-sealed = utuh (disegel ulang)
reading-distance = { $mm } mm
reading-mass = { $kg } kg
reading-image = citra X-ray { $width }×{ $height }
reading-density = { $value } kg/m³
reading-trace-alarm = ALARM: { $class }
reading-trace-clear = tidak ada jejak
reading-dose = { $value } nSv/jam
reading-opened = dibuka: { $content }

## Tags in the scene
tag-seal = Segel { $number }
tag-finding = Temuan #{ $id } ({ $status })

## Tools
mode-mark = Tandai temuan

## Refusals

## Views
view-free = Kamera bebas
view-own = Pandangan saya
view-overview = Tampak atas
view-first-person = Orang pertama / dari bahu
camera-free = kamera bebas
camera-overview = tampak atas
camera-follow-shoulder = mengikuti { $name }, dari bahu
camera-follow-first = mengikuti { $name }, orang pertama
camera-nobody = tidak ada yang bernama { $name } di sini (yang ada: { $present }): menampilkan tampak atas

## Voice
voice-not-built = Versi ini tanpa suara: bangun ulang dengan "cargo build --features voice" (atau audio-devices) untuk berbicara dan mendengar.
voice-not-in-browser = Ruang peramban belum memiliki suara: bicaralah lewat aplikasi desktop, aplikasi headset, atau telepon.
voice-muted = Suara: dibisukan
voice-talking = Suara: sedang berbicara
voice-open = Suara: aktif (tahan T untuk berbicara)
mute-me = Bisukan saya
unmute-me = Bunyikan saya
all-call = Bicara ke semua

## Keys
keys = Pintasan keyboard
keys-observer = F1 kamera bebas · F2 ikuti peserta berikutnya · F3 tampak atas · C orang pertama / bahu · seret untuk melihat · WASD QE untuk terbang
keys-participant = WASD berjalan · seret untuk melihat · G pegang atau lepas · Space pakai alat · Tab alat berikutnya · M tandai temuan · O buka atau tutup pintu · F1–F3 pandangan · F tunjuk · L ucapkan frasa
keys-instructor = P jeda · R ungkap · F5 atur ulang · F8 akhiri · U panggil · Z bekukan · H sorot · K tunjuk · Y/N nilai temuan tertua · F9 tandai
keys-voice = T tahan untuk berbicara · V bisukan atau bunyikan · B bicara ke semua (instruktur)

# The debrief
debrief-problem = Evaluasi berhenti: { $problem }
debrief-drill = Latihan untuk evaluasi
debrief-latest = (yang terakhir selesai, atau yang ini)
debrief-open = Buka evaluasi
debrief-of = Evaluasi latihan { $drill }
debrief-previous = Peristiwa sebelumnya
debrief-back = Mundur selangkah
debrief-play = Putar
debrief-pause = Jeda
debrief-forward = Maju selangkah
debrief-next = Peristiwa berikutnya
debrief-close = Tutup evaluasi
debrief-speed = Kecepatan
ghost-detail = { $detail } · rekaman
marker-finding = menandai temuan: { $category }
marker-cosigned = ikut menandatangani temuan: { $category }
marker-confirmed = mengonfirmasi temuan
marker-rejected = menolak temuan
marker-reading = memakai { $tool }
marker-opened = membuka kemasan
marker-door-opened = membuka pintu
marker-door-closed = menutup pintu
marker-resealed = menyegel ulang kontainer
marker-paused = menjeda latihan
marker-resumed = melanjutkan latihan
marker-revealed = mengungkap kebenaran
marker-talk = berbicara { $seconds } dtk
marker-bookmark = tanda
marker-said = berkata

## Phrases that cross languages (the panel and the tablet)
phrases-heading = Frasa
phrases-none = Belum ada yang berbicara.
phrases-say = Ucapkan frasa
phrases-tools = Alat
phrases-findings = Temuan
phrases-scenario = Frasa latihan ini
wheel-more = Lainnya…

## Interpretation channels
listen-to = Dengarkan saluran
channel-floor = Suara ruangan
floor-level = Suara ruangan saat juru bahasa
interpreting = Anda menerjemahkan ke { $language }: Anda mendengar suara ruangan, dan hanya pendengar saluran { $language } yang mendengar Anda.
interprets = juru bahasa { $language }
interpreter-into = Juru bahasa ke

## Live captions
captions-show = Tampilkan teks langsung
captions-none = Belum ada teks: teks muncul saat orang berbicara.
captions-off-server = Teks langsung mati di server ini: pusat menyalakannya dengan pekerja ucapan (captions_worker, lihat README).
marker-caption = teks

# Pointing with a hand
point-start = Tunjuk dengan tangan
point-stop = Berhenti menunjuk
pointing-now = Semua orang melihat ke mana Anda menunjuk.

# The risk-assessment stage
risk-heading = Penilaian risiko: kontainer mana yang diperiksa?
risk-closed = Penilaian risiko selesai: periksa kontainer di depan Anda.
risk-wait = Anda sudah memilih. Pintu baru dapat dibuka setelah semua peserta memilih (atau instruktur menutup tahap ini).
risk-help = Baca dokumen setiap kontainer. Centang tanda-tanda yang perlu diperiksa, lalu pilih kontainer yang akan diperiksa. Anda memilih sekali, sendiri.
risk-progress = { $chosen } dari { $trainees } peserta sudah memilih. Pintu tetap tertutup sampai semua memilih.
risk-no-reasons = tanpa alasan
risk-you-chose = Anda memilih kontainer { $number }: { $why }.
risk-reasons = Tanda yang Anda lihat
risk-candidate = Kontainer { $number }: { $container }
risk-here = di depan Anda
risk-choose = Periksa yang ini
risk-close = Tutup penilaian risiko (pintu boleh dibuka)
standing-heading = Posisi Anda: { $curriculum }
