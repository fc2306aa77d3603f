# Crossdock drill reports: Indonesian (Bahasa Indonesia).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before use with a class.

## The drill report
report-title = Laporan latihan: { $scenario } ({ $drill })
report-summary = Dimulai { $started }, { $seconds } dtk latihan, { $status }, benih { $seed }. Instruktur: { $instructors }.
report-origin = Dari paket skenario **{ $pack }** versi { $version }, diterbitkan oleh { $publisher } ({ $administration }); paket { $sha }.
report-running = masih berjalan
report-ended = selesai ({ $how })
report-none = tidak ada
report-unnamed = tanpa nama
report-scoring = Penilaian: { $formula }.
report-formula = skor = { $wd } × deteksi + { $wp } × prosedur + { $we } × area diperiksa − { $wf } × alarm palsu (0 sampai 1); lulus pada { $pass } atau lebih dengan setidaknya satu langkah prosedur sendiri
report-end-ended = diakhiri oleh instruktur
report-end-restarted = skenario dimulai ulang
report-end-not-resumed = server dimulai ulang dengan skenario lain
report-withheld = Latihan ini masih berlangsung dan kebenarannya belum diungkap: apa yang disembunyikan, temuan dan yang terlewat, serta skor akan tampil di sini ketika instruktur mengungkapnya atau latihan berakhir.
report-hidden = Yang disembunyikan
report-clean = Tidak ada: kontainer bersih. Setiap temuan adalah alarm palsu.
report-shown-by = terlihat dengan: { $tools }
report-class = Kelas: { $passed } dari { $trainees } lulus, rata-rata { $average }
report-team-procedure = Prosedur tim: { $score } dari { $max } langkah berurutan
report-score-line = Nilai { $score } = { $wd } × deteksi { $d } + { $wp } × prosedur { $p } + { $we } × cakupan { $e } − { $wf } × { $f } alarm palsu: { $result }.
report-own-steps = Langkah prosedur sendiri: { $steps }
report-step-at = { $step } pada { $seconds } dtk
report-out-of-order = (tidak berurutan)
report-indicators = Indikator diperiksa dengan: { $tools }
report-found = Menemukan **{ $concealment }** lewat temuan #{ $finding } pada { $seconds } dtk
report-missed = Terlewat **{ $concealment }**: { $hint }
report-hint-unread = pemeriksaan dengan { $tools } akan memperlihatkannya
report-hint-unmarked = hasil { $tools } mereka sendiri memperlihatkannya, tetapi tidak ada temuan yang ditandai
report-false-alarms = Alarm palsu: { $ids }
report-idle = Log tidak mencatat tindakan apa pun.
report-not-done = tidak dilakukan
report-yes = ya
report-no = tidak
report-looked-cargo = Paling lama melihat: { $cargo }
report-second-place = Bergabung dari tempat kedua saat masih terhubung di tempat pertama sebanyak { $count } kali: koneksi baru mengambil alih (undangan dipakai di dua perangkat, atau dibagikan).
report-risk = Penilaian risiko: memilih kontainer { $number } ({ $container }) setelah { $seconds } detik, dengan alasan: { $signs }.
report-risk-score = Dokumennya menunjukkan { $risk } tanda; kandidat paling berisiko menunjukkan { $highest } (kontainer { $best }): nilai pilihan { $choice }. Alasan { $reasons } (tepat: { $right }; tidak ada di dokumennya: { $wrong }; terlewat: { $missed }). Skor risiko { $score } = 0,7 × pilihan + 0,3 × alasan.
report-risk-nothing = tidak ada
report-picture-trail = Dari atas: jalur yang dilalui (dari lingkaran hijau ke kotak merah), lantai dan kargo yang dilihat (oranye: lebih lama), pintu bergaris putus-putus di kanan, dinding palsu berwarna abu-abu.
report-picture-walls = Dinding dari dalam, dibentangkan: tempat pandangan jatuh (oranye: lebih lama).
report-timeline = Yang dilakukan, berurutan
wall-left = dinding kiri
wall-front = dinding depan
wall-right = dinding kanan
report-bookmarks = Penanda
report-said = Frasa yang diucapkan
report-transcript = Transkrip (teks langsung)
report-floor = ruangan
report-picture-timeline = Lini masa: yang dilakukan (garis), saat berbicara (hijau) dan penanda instruktur (oranye), menit di bawah.
timeline-reading = pembacaan
timeline-door = pintu
timeline-finding = temuan
timeline-speech = bicara
timeline-bookmark = penanda
result-passed = lulus
result-failed = tidak lulus

## Table columns
col-administration = instansi
col-trainees = peserta latih
col-passed = lulus
col-average = rata-rata
col-found = ditemukan
col-rank = peringkat
col-trainee = peserta latih
col-admin = instansi
col-hits = ditemukan
col-misses = terlewat
col-false-alarms = alarm palsu
col-examined = cakupan
col-procedure = prosedur
col-joint = bersama
col-spoke = berbicara
col-score = nilai
col-result = hasil
col-step = langkah
col-done-at = dilakukan pada
col-by = oleh
col-in-order = berurutan
col-at = waktu
col-did = tindakan
col-started = dimulai
col-drill = latihan
col-scenario = skenario
col-note = catatan
col-phrase = frasa
col-words = ucapan
col-channel = saluran
col-name = nama

## Progress across drills
progress-title = Kemajuan antarlatihan
progress-none = Belum ada latihan.
progress-found = { $hits } dari { $hidden }
progress-change = Dari latihan pertama sampai terakhir: { $change }.
progress-detection = Keterampilan deteksi
progress-detection-explained = Setiap latihan meminta tiap peserta satu keputusan per kategori tempat penyembunyian yang mungkin, dan satu untuk kontainer secara keseluruhan: ada yang disembunyikan atau tidak, ditandai atau dinyatakan bersih. d′ adalah keterampilan membedakan keduanya, terlepas dari kesiapan menandai: 0 berarti menebak, 1 cukup, 2 ke atas baik. c adalah kesiapan itu: di atas 0 berhati-hati (lebih banyak terlewat), di bawah 0 cepat menandai (lebih banyak alarm palsu). Setiap rasio dikoreksi setengah percobaan (log-linear), sehingga catatan sempurna tetap memberi angka terbatas.
progress-detection-few = latihan terlalu sedikit untuk disimpulkan
progress-detection-none = Belum ada ukuran: d′ memerlukan latihan dengan dan tanpa barang tersembunyi.
detection-container = kontainer secara keseluruhan
col-about = tentang
col-hidden-found = tersembunyi: ditemukan
col-clean-flagged = bersih: ditandai
col-d-prime = d′ (rentang 95 %)
col-criterion = c
col-time-to-flag = waktu menandai

## What someone did, on the timeline
did-use = memakai { $tool }
did-open-package = membuka kemasan ({ $content })
did-open-door = membuka pintu
did-close-door = menutup pintu
did-reseal = menyegel ulang kontainer ({ $number })
did-mark = menandai temuan #{ $id } ({ $category })
did-cosign = ikut menandatangani temuan #{ $id } ({ $category })

## Standing in a curriculum (crossdock-server standing)
standing-title = { $curriculum }: posisi { $learner }
standing-passed = lulus pada { $on }
standing-retest = lulus pada { $on }; uji ulang sudah jatuh tempo
standing-open = terbuka: berlatih
standing-locked = terkunci
standing-needs = Perlu { $levels } terlebih dahulu.
standing-few = { $sat } dari { $needed } latihan yang diminta sejauh ini.
standing-low = d′ { $d } di bawah { $needed } yang diminta.
standing-one-sided = Diperlukan latihan dengan dan tanpa barang tersembunyi untuk mengukur d′.
standing-critical = Terlewat yang tidak boleh terlewat: { $categories }.
standing-risk-none = Belum ada pilihan penilaian risiko dalam latihan tingkat ini.
standing-risk-low = Penilaian risiko rata-rata { $score } (perlu { $needed }): pilih kontainer yang dokumennya paling banyak menunjukkan tanda, dengan tanda-tanda itu sebagai alasan.
standing-next = Latihan berikutnya: { $scenario }.
standing-measure = d′ { $d } dari { $drills } latihan
standing-measure-none = belum ada d′ ({ $drills } latihan)
standing-explained = Setiap tingkat diluluskan dengan keterampilan deteksi pada latihan skenario yang dilatih (d′ untuk seluruh kontainer: tersembunyi atau bersih, ditandai atau dinyatakan bersih; lihat laporan kemajuan untuk arti d′ dan c), dan tidak pernah jika ada kelalaian kritis. Skenario transfer, yang tidak pernah dilatih, diukur terpisah: selisihnya menunjukkan apakah keterampilan itu terbawa.
col-level = tingkat
col-status = status
col-trained = dilatih: d′ (latihan)
col-transfer = transfer: d′ (latihan)
col-why = mengapa belum

## A level's certificate (crossdock-server certificate)
certificate-title = Sertifikat
certificate-certifies = Dengan ini menyatakan bahwa
certificate-passed = telah lulus
certificate-on = pada { $day }
certificate-measure = dengan keterampilan deteksi d′ { $d } dari { $drills } latihan
certificate-transfer = (d′ { $d } pada skenario yang tidak pernah dilatih)
certificate-explained = d′ mengukur seberapa baik petugas membedakan kontainer berisi barang tersembunyi dari yang bersih, terlepas dari kesiapannya menandai: 0 berarti menebak, 2 ke atas baik. Tingkat ini memintanya dari latihan yang cukup, dan tanpa terlewat hal yang tidak boleh terlewat.
certificate-issued = Diterbitkan oleh { $issuer } pada { $day }.
certificate-key = Ditandatangani dengan kunci
certificate-check = Siapa pun dapat memeriksanya:

## A cohort's detection skill over periods (crossdock-server cohort)
cohort-title = Keterampilan deteksi satu angkatan
cohort-chart = d′ untuk seluruh kontainer per periode, dengan rentang 95 %: pada skenario yang dilatih, dan pada skenario yang tidak pernah dilatih
cohort-explained = Angka-angka menggabungkan setiap keputusan setiap peserta dalam tiap periode. Selisih transfer adalah d′ pada skenario baru dikurangi d′ pada skenario yang dilatih: mendekati 0, keterampilannya terbawa.
cohort-period = { $name }: { $from } sampai { $to }
cohort-sat = { $learners } peserta, { $drills } latihan
cohort-trained = skenario yang dilatih
cohort-transfer = tidak pernah dilatih (transfer)
cohort-gap = selisih transfer
cohort-administration = instansi
