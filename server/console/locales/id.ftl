# Crossdock console: Indonesian (Bahasa Indonesia).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before use with a class.

console-title = Konsol Crossdock
console-of-instructor = Konsol instruktur
console-of-observer = Konsol pengamat
tab-live = Langsung
tab-class = Kelas dan undangan
tab-drills = Latihan
watch-3d = Tonton dalam 3D
who-you-are = { $name }, { $role }, sesi { $session }
done = Selesai.

## Opening the console
login-heading = Buka konsol
login-help = Tempel tautan konsol atau tautan undangan instruktur. Undangan pengamat hanya untuk menonton, tidak untuk mengendalikan.
login-token = Tautan undangan atau token
login-open = Buka
login-connecting = Menghubungkan…
login-lost = Koneksi ke server terputus. Muat ulang halaman untuk menghubungkan lagi.
refused-version = Halaman ini dari versi server lain: muat ulang.
refused-headset-invite = Undangan ini untuk headset. Buka konsol dengan undangan instruktur, atau undangan pengamat untuk menonton.
refused-session = Server ini tidak membuka sesi { $session }: mintalah undangan ke sesi yang dibuka server ini.

## Live
watching-only = Anda sedang menonton: hanya konsol instruktur yang dapat mengendalikan latihan.
drill-heading = Latihan { $number }: { $scenario }
drill-running = sedang berjalan
drill-paused = dijeda
drill-elapsed = { $time } berlalu
drill-revealed = kebenaran diungkap
drill-debrief = pembahasan latihan { $drill } dibuka
map-heading = Peta dari atas (pintu di sebelah kanan)
teleport-pick = Klik di peta tempat { $name } harus pergi.
people-heading = Peserta
people-none = Belum ada yang bergabung.
tile-rtt = pulang-pergi { $ms } md
tile-loss = hilang { $percent } %
tile-tool = alat: { $tool }
tile-last = terakhir: { $action }
tile-talking = sedang berbicara
tile-muted = dibisukan
tile-interprets = juru bahasa { $language }
tile-frozen = dibekukan
tile-lead = ketua pasukan
tile-away = koneksi terputus
tile-left = telah meninggalkan latihan
action-grab = mengangkat barang
action-release = meletakkan barang
action-move = memindahkan kargo
action-open-door = membuka pintu
action-close-door = menutup pintu
action-reading = mengambil pembacaan
action-finding = menandai temuan
action-co-sign = ikut menandatangani temuan
action-reseal = menyegel ulang kontainer
action-command = memberi arahan
action-mute = mematikan mikrofon
action-unmute = menyalakan mikrofon
action-say = mengucapkan frasa
action-listen = memilih saluran
action-point = menunjuk
action-point-stop = berhenti menunjuk
action-choose = memilih kontainer untuk diperiksa
findings-heading = Temuan
findings-none = Belum ada temuan.
finding-by = oleh { $names }
finding-open = menunggu penilaian
finding-confirmed = dikonfirmasi
finding-rejected = ditolak
finding-confirm = Konfirmasi
finding-reject = Tolak

## Steering
steer-pause = Jeda
steer-resume = Lanjutkan
steer-reset = Ulang dari awal
steer-end = Akhiri latihan
steer-rerandomise = Acak ulang
steer-switch = Ganti skenario
steer-mute-all = Bisukan semua peserta latih
steer-unmute-all = Suarakan semua peserta latih
steer-lock-unmute = Kunci menyuarakan sendiri
steer-unlock-unmute = Izinkan menyuarakan sendiri
steer-freeze-all = Bekukan semua peserta latih
steer-unfreeze-all = Cairkan semua peserta latih
steer-summon-all = Panggil semua ke pintu
steer-reveal = Ungkap kebenaran
steer-observers-open = Pengamat boleh bergabung
steer-observers-closed = Pengamat ditolak
steer-close-risk = Tutup penilaian risiko ({ $chosen } dari { $trainees } peserta sudah memilih)
steer-open-debrief = Buka pembahasan latihan terakhir
steer-close-debrief = Tutup pembahasan
person-interpreter = Juru bahasa
person-not-interpreter = Bukan juru bahasa
person-mute = Bisukan
person-unmute = Suarakan
person-freeze = Bekukan
person-unfreeze = Cairkan
person-summon = Panggil
person-teleport = Pindahkan
person-lead = Jadikan ketua
person-remove = Keluarkan
person-remove-confirm = Keluarkan { $name } dari sesi?

## Class and invites
class-heading = Latihan baru
class-scenario = Skenario
class-roster = Daftar kelas (CSV: learner_id, display_name, administration, locale)
class-roster-help = Biarkan kosong untuk memakai daftar yang sekarang.
class-start = Mulai latihan baru
class-invites = Undangan
class-make-invites = Buat lembar undangan
class-print = Cetak lembar
class-sheet-help = Setiap kartu untuk satu orang: pindai kode QR dengan headset atau ponsel, atau buka { $room } dan ketik kode enam angka (berlaku { $minutes } menit, sekali).
class-server = Server: { $server }
class-expires = Undangan berlaku sampai { $time }
class-code = Kod
class-any-trainee = Peserta latih mana pun
class-any-observer = Pengamat mana pun
problem-roster = Daftar ini tidak dapat dipakai: { $reason }
problem-roster-too-large = Daftar peserta berukuran { $kib } KiB, melebihi { $max } KiB yang dapat dikirim konsol: bagi kelas menjadi daftar yang lebih kecil.
problem-too-large = Itu { $kib } KiB, melebihi { $max } KiB yang diterima server dalam satu permintaan: tidak ada yang diubah. Kirim lebih sedikit sekaligus (daftar peserta: bagi kelas).
problem-no-drill = Tidak ada latihan { $drill } di sesi ini.
problem-busy = Masih menjawab permintaan Anda sebelumnya: coba lagi sebentar.

## Drills and reports
drills-heading = Latihan sesi ini
drills-refresh = Muat ulang
drills-none = Belum ada latihan.
drills-number = Latihan
drills-scenario = Skenario
drills-started = Mulai
drills-length = Durasi
drills-trainees = Peserta
drills-state = Status
drills-running = sedang berjalan
drills-ended = selesai
drills-report = Laporan
drills-debrief = Buka pembahasannya
report-heading = Laporan latihan { $drill }
report-print = Cetak laporan
report-close = Tutup

## Halaman ruang peramban (/room), sebelum ruang dibuka
room-title = Ruang Crossdock
room-opening = Membuka ruang…
room-name-label = Nama Anda, seperti yang akan dilihat kelas
room-name-enter = Masuk ke ruang
room-code-heading = Ketik kode enam angka dari undangan Anda
room-code-help = Atau buka tautan undangan, atau pindai kode QR-nya dengan headset atau ponsel.
room-code-open = Buka
room-code-checking = Memeriksa kode…
room-code-malformed = Kode bergabung terdiri dari enam angka: periksa kode pada lembar undangan.
room-code-unknown = Kode bergabung ini tidak berlaku (salah, sudah dipakai, atau kedaluwarsa): periksa angkanya, atau minta kode baru kepada instruktur.
room-code-locked = Terlalu banyak kode salah dari alamat ini: tunggu { $minutes } menit, atau minta tautan undangan kepada instruktur.
room-no-server = Tidak dapat menghubungi server ini ({ $error }). Apakah server berjalan?
room-not-loaded = Ruang peramban tidak dapat dimuat ({ $error }).
room-enter-vr = Masuk VR
room-no-vr = Tidak dapat masuk VR: { $error }
room-closed = Ruang ditutup: { $reason }
