# Crossdock console: Malay (Bahasa Melayu).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before use with a class.

console-title = Konsol Crossdock
console-of-instructor = Konsol jurulatih
console-of-observer = Konsol pemerhati
tab-live = Langsung
tab-class = Kelas dan jemputan
tab-drills = Latihan
watch-3d = Tonton dalam 3D
who-you-are = { $name }, { $role }, sesi { $session }
done = Selesai.

## Opening the console
login-heading = Buka konsol
login-help = Tampal pautan konsol atau pautan jemputan jurulatih. Jemputan pemerhati hanya untuk menonton, bukan mengawal.
login-token = Pautan jemputan atau token
login-open = Buka
login-connecting = Menyambung…
login-lost = Sambungan ke pelayan terputus. Muat semula halaman untuk menyambung semula.
refused-version = Halaman ini daripada versi pelayan yang lain: muat semula.
refused-headset-invite = Jemputan ini untuk set kepala. Buka konsol dengan jemputan jurulatih, atau jemputan pemerhati untuk menonton.
refused-session = Pelayan ini tidak membuka sesi { $session }: minta jemputan ke sesi yang dibuka oleh pelayan ini.

## Live
watching-only = Anda sedang menonton: hanya konsol jurulatih boleh mengawal latihan.
drill-heading = Latihan { $number }: { $scenario }
drill-running = sedang berjalan
drill-paused = dijeda
drill-elapsed = { $time } berlalu
drill-revealed = kebenaran didedahkan
drill-debrief = taklimat latihan { $drill } dibuka
map-heading = Peta dari atas (pintu di sebelah kanan)
teleport-pick = Klik pada peta tempat { $name } patut pergi.
people-heading = Peserta
people-none = Belum ada yang menyertai.
tile-rtt = pergi balik { $ms } ms
tile-loss = kehilangan { $percent } %
tile-tool = alat: { $tool }
tile-last = terakhir: { $action }
tile-talking = sedang bercakap
tile-muted = disenyapkan
tile-interprets = jurubahasa { $language }
tile-frozen = dibekukan
tile-lead = ketua pasukan
tile-away = sambungan terputus
tile-left = telah meninggalkan latihan
action-grab = mengangkat sesuatu
action-release = meletakkan sesuatu
action-move = mengalihkan kargo
action-open-door = membuka pintu
action-close-door = menutup pintu
action-reading = mengambil bacaan
action-finding = menanda penemuan
action-co-sign = menandatangani bersama penemuan
action-reseal = mengelak semula kontena
action-command = memberi arahan
action-mute = mematikan mikrofon
action-unmute = menghidupkan mikrofon
action-say = menyebut frasa
action-listen = memilih saluran
action-point = menunjuk
action-point-stop = berhenti menunjuk
action-choose = memilih kontena untuk diperiksa
findings-heading = Penemuan
findings-none = Belum ada penemuan.
finding-by = oleh { $names }
finding-open = menunggu keputusan
finding-confirmed = disahkan
finding-rejected = ditolak
finding-confirm = Sahkan
finding-reject = Tolak

## Steering
steer-pause = Jeda
steer-resume = Sambung
steer-reset = Mula semula
steer-end = Tamatkan latihan
steer-rerandomise = Rawak semula
steer-switch = Tukar senario
steer-mute-all = Senyapkan semua pelatih
steer-unmute-all = Nyahsenyap semua pelatih
steer-lock-unmute = Kunci nyahsenyap sendiri
steer-unlock-unmute = Benarkan nyahsenyap sendiri
steer-freeze-all = Bekukan semua pelatih
steer-unfreeze-all = Nyahbeku semua pelatih
steer-summon-all = Panggil semua ke pintu
steer-reveal = Dedahkan kebenaran
steer-observers-open = Pemerhati boleh menyertai
steer-observers-closed = Pemerhati ditolak
steer-close-risk = Tutup penilaian risiko ({ $chosen } daripada { $trainees } pelatih sudah memilih)
steer-open-debrief = Buka taklimat latihan terakhir
steer-close-debrief = Tutup taklimat
person-interpreter = Jurubahasa
person-not-interpreter = Bukan jurubahasa
person-mute = Senyapkan
person-unmute = Nyahsenyap
person-freeze = Bekukan
person-unfreeze = Nyahbeku
person-summon = Panggil
person-teleport = Pindahkan
person-lead = Jadikan ketua
person-remove = Keluarkan
person-remove-confirm = Keluarkan { $name } daripada sesi?

## Class and invites
class-heading = Latihan baharu
class-scenario = Senario
class-roster = Senarai kelas (CSV: learner_id, display_name, administration, locale)
class-roster-help = Biarkan kosong untuk mengekalkan senarai semasa.
class-start = Mulakan latihan baharu
class-invites = Jemputan
class-make-invites = Sediakan helaian jemputan
class-print = Cetak helaian
class-sheet-help = Setiap kad memasukkan seorang: imbas kod QR dengan set kepala atau telefon, atau buka { $room } dan taip kod enam digit (sah { $minutes } minit, sekali sahaja).
class-server = Pelayan: { $server }
class-expires = Jemputan sah hingga { $time }
class-code = Kod
class-any-trainee = Mana-mana pelatih
class-any-observer = Mana-mana pemerhati
problem-roster = Senarai ini tidak boleh digunakan: { $reason }
problem-roster-too-large = Senarai nama bersaiz { $kib } KiB, melebihi { $max } KiB yang boleh dihantar oleh konsol: pecahkan kelas kepada senarai yang lebih kecil.
problem-too-large = Itu { $kib } KiB, melebihi { $max } KiB yang diterima pelayan dalam satu permintaan: tiada apa-apa diubah. Hantar sedikit demi sedikit (senarai nama: pecahkan kelas).
problem-no-drill = Tiada latihan { $drill } dalam sesi ini.
problem-busy = Masih menjawab permintaan anda yang lalu: cuba lagi sebentar.

## Drills and reports
drills-heading = Latihan sesi ini
drills-refresh = Muat semula
drills-none = Belum ada latihan.
drills-number = Latihan
drills-scenario = Senario
drills-started = Bermula
drills-length = Tempoh
drills-trainees = Peserta
drills-state = Keadaan
drills-running = sedang berjalan
drills-ended = tamat
drills-report = Laporan
drills-debrief = Buka taklimatnya
report-heading = Laporan latihan { $drill }
report-print = Cetak laporan
report-close = Tutup

## Halaman bilik pelayar (/room), sebelum bilik dibuka
room-title = Bilik Crossdock
room-opening = Membuka bilik…
room-name-label = Nama anda, seperti yang akan dilihat oleh kelas
room-name-enter = Masuk ke bilik
room-code-heading = Taip kod enam digit daripada jemputan anda
room-code-help = Atau buka pautan jemputan, atau imbas kod QR dengan set kepala atau telefon.
room-code-open = Buka
room-code-checking = Menyemak kod…
room-code-malformed = Kod sertai ialah enam digit: semak kod pada helaian jemputan.
room-code-unknown = Kod sertai ini tidak sah (salah, sudah digunakan atau tamat tempoh): semak digit, atau minta kod baharu daripada jurulatih.
room-code-locked = Terlalu banyak kod salah daripada alamat ini: tunggu { $minutes } minit, atau minta pautan jemputan daripada jurulatih.
room-no-server = Tidak dapat mencapai pelayan ini ({ $error }). Adakah ia sedang berjalan?
room-not-loaded = Bilik pelayar tidak dapat dimuatkan ({ $error }).
room-enter-vr = Masuk VR
room-no-vr = Tidak dapat masuk VR: { $error }
room-closed = Bilik ditutup: { $reason }
