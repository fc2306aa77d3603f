# Crossdock drill reports: Malay (Bahasa Melayu).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before use with a class.

## The drill report
report-title = Laporan latihan: { $scenario } ({ $drill })
report-summary = Bermula { $started }, { $seconds } s latihan, { $status }, benih { $seed }. Jurulatih: { $instructors }.
report-origin = Daripada pek senario **{ $pack }** versi { $version }, diterbitkan oleh { $publisher } ({ $administration }); pek { $sha }.
report-running = masih berjalan
report-ended = tamat ({ $how })
report-none = tiada
report-unnamed = tanpa nama
report-scoring = Pemarkahan: { $formula }.
report-formula = markah = { $wd } × pengesanan + { $wp } × prosedur + { $we } × kawasan diperiksa − { $wf } × penggera palsu (0 hingga 1); lulus pada { $pass } atau lebih dengan sekurang-kurangnya satu langkah prosedur sendiri
report-end-ended = ditamatkan oleh jurulatih
report-end-restarted = senario dimulakan semula
report-end-not-resumed = pelayan dimulakan semula dengan senario lain
report-withheld = Latihan ini masih berjalan dan kebenarannya belum didedahkan: apa yang disembunyikan, yang ditemui dan terlepas, serta markah akan dipaparkan di sini apabila jurulatih mendedahkannya atau latihan tamat.
report-hidden = Yang disembunyikan
report-clean = Tiada: kontena bersih. Setiap penemuan ialah penggera palsu.
report-shown-by = ditunjukkan oleh: { $tools }
report-class = Kelas: { $passed } daripada { $trainees } lulus, purata { $average }
report-team-procedure = Prosedur pasukan: { $score } daripada { $max } langkah mengikut urutan
report-score-line = Markah { $score } = { $wd } × pengesanan { $d } + { $wp } × prosedur { $p } + { $we } × diperiksa { $e } − { $wf } × { $f } penggera palsu: { $result }.
report-own-steps = Langkah prosedur sendiri: { $steps }
report-step-at = { $step } pada { $seconds } s
report-out-of-order = (tidak mengikut urutan)
report-indicators = Penunjuk disemak dengan: { $tools }
report-found = Menemui **{ $concealment }** melalui penemuan #{ $finding } pada { $seconds } s
report-missed = Terlepas **{ $concealment }**: { $hint }
report-hint-unread = bacaan dengan { $tools } akan menunjukkannya
report-hint-unmarked = bacaan { $tools } mereka sendiri menunjukkannya, tetapi tiada penemuan ditanda
report-false-alarms = Penggera palsu: { $ids }
report-idle = Log tidak merekodkan sebarang tindakan.
report-not-done = tidak dibuat
report-yes = ya
report-no = tidak
report-looked-cargo = Paling lama melihat: { $cargo }
report-second-place = Menyertai dari tempat kedua semasa masih bersambung di tempat pertama sebanyak { $count } kali: sambungan baharu mengambil alih (jemputan digunakan pada dua peranti, atau dikongsi).
report-risk = Penilaian risiko: memilih kontena { $number } ({ $container }) selepas { $seconds } saat, dengan sebab: { $signs }.
report-risk-score = Dokumennya menunjukkan { $risk } petanda; calon paling berisiko menunjukkan { $highest } (kontena { $best }): markah pilihan { $choice }. Sebab { $reasons } (tepat: { $right }; tiada dalam dokumennya: { $wrong }; terlepas: { $missed }). Skor risiko { $score } = 0.7 × pilihan + 0.3 × sebab.
report-risk-nothing = tiada
report-picture-trail = Dari atas: laluan mereka (dari bulatan hijau ke petak merah), lantai dan kargo yang dilihat (jingga: lebih lama), pintu bergaris putus di kanan, dinding palsu berwarna kelabu.
report-picture-walls = Dinding dari dalam, dibentangkan: tempat pandangan mereka jatuh (jingga: lebih lama).
report-timeline = Apa yang dilakukan, mengikut urutan
wall-left = dinding kiri
wall-front = dinding hadapan
wall-right = dinding kanan
report-bookmarks = Penanda
report-said = Frasa yang disebut
report-transcript = Transkrip (sari kata langsung)
report-floor = bilik
report-picture-timeline = Garis masa: apa yang dilakukan (tanda), bila bercakap (hijau) dan penanda jurulatih (jingga), minit di bawah.
timeline-reading = bacaan
timeline-door = pintu
timeline-finding = penemuan
timeline-speech = percakapan
timeline-bookmark = penanda
result-passed = lulus
result-failed = gagal

## Table columns
col-administration = pentadbiran
col-trainees = pelatih
col-passed = lulus
col-average = purata
col-found = ditemui
col-rank = kedudukan
col-trainee = pelatih
col-admin = pentadbiran
col-hits = ditemui
col-misses = terlepas
col-false-alarms = penggera palsu
col-examined = diperiksa
col-procedure = prosedur
col-joint = bersama
col-spoke = bercakap
col-score = markah
col-result = keputusan
col-step = langkah
col-done-at = dibuat pada
col-by = oleh
col-in-order = ikut urutan
col-at = pada
col-did = tindakan
col-started = bermula
col-drill = latihan
col-scenario = senario
col-note = catatan
col-phrase = frasa
col-words = kata-kata
col-channel = saluran
col-name = nama

## Progress across drills
progress-title = Kemajuan merentas latihan
progress-none = Belum ada latihan.
progress-found = { $hits } daripada { $hidden }
progress-change = Dari latihan pertama hingga terakhir: { $change }.
progress-detection = Kemahiran pengesanan
progress-detection-explained = Setiap latihan meminta setiap pelatih satu keputusan bagi setiap kategori tempat penyembunyian yang mungkin, dan satu bagi kontena secara keseluruhan: ada yang disembunyikan atau tidak, ditanda atau dilepaskan. d′ ialah kemahiran membezakan kedua-duanya, tanpa mengira kesediaan menanda: 0 bermaksud meneka, 1 sederhana, 2 ke atas baik. c ialah kesediaan itu: melebihi 0 berhati-hati (lebih banyak terlepas), kurang daripada 0 cepat menanda (lebih banyak penggera palsu). Setiap kadar diperbetulkan dengan setengah percubaan (log-linear), jadi rekod sempurna tetap memberi angka terhingga.
progress-detection-few = latihan terlalu sedikit untuk dirumuskan
progress-detection-none = Belum ada ukuran: d′ memerlukan latihan dengan dan tanpa barang tersembunyi.
detection-container = kontena secara keseluruhan
col-about = tentang
col-hidden-found = tersembunyi: dijumpai
col-clean-flagged = bersih: ditanda
col-d-prime = d′ (julat 95 %)
col-criterion = c
col-time-to-flag = masa menanda

## What someone did, on the timeline
did-use = menggunakan { $tool }
did-open-package = membuka bungkusan ({ $content })
did-open-door = membuka pintu
did-close-door = menutup pintu
did-reseal = mengelak semula kontena ({ $number })
did-mark = menandakan penemuan #{ $id } ({ $category })
did-cosign = menandatangani bersama penemuan #{ $id } ({ $category })

## Standing in a curriculum (crossdock-server standing)
standing-title = { $curriculum }: kedudukan { $learner }
standing-passed = lulus pada { $on }
standing-retest = lulus pada { $on }; ujian semula sudah tiba
standing-open = terbuka: berlatih
standing-locked = dikunci
standing-needs = Perlu { $levels } dahulu.
standing-few = { $sat } daripada { $needed } latihan yang diminta setakat ini.
standing-low = d′ { $d } di bawah { $needed } yang diminta.
standing-one-sided = Latihan dengan dan tanpa barang tersembunyi diperlukan untuk mengukur d′.
standing-critical = Terlepas perkara yang tidak boleh terlepas: { $categories }.
standing-risk-none = Belum ada pilihan penilaian risiko dalam latihan tahap ini.
standing-risk-low = Penilaian risiko purata { $score } (perlu { $needed }): pilih kontena yang dokumennya paling banyak menunjukkan petanda, dengan petanda itu sebagai sebab.
standing-next = Latihan seterusnya: { $scenario }.
standing-measure = d′ { $d } daripada { $drills } latihan
standing-measure-none = belum ada d′ ({ $drills } latihan)
standing-explained = Setiap tahap diluluskan dengan kemahiran pengesanan dalam latihan senario yang dilatih (d′ bagi seluruh kontena: tersembunyi atau bersih, ditanda atau dilepaskan; lihat laporan kemajuan untuk maksud d′ dan c), dan tidak sekali-kali jika ada keciciran kritikal. Senario pindahan, yang tidak pernah dilatih, diukur berasingan: jurangnya menunjukkan sama ada kemahiran itu terbawa.
col-level = tahap
col-status = status
col-trained = dilatih: d′ (latihan)
col-transfer = pindahan: d′ (latihan)
col-why = mengapa belum

## A level's certificate (crossdock-server certificate)
certificate-title = Sijil
certificate-certifies = Dengan ini disahkan bahawa
certificate-passed = telah lulus
certificate-on = pada { $day }
certificate-measure = dengan kemahiran pengesanan d′ { $d } daripada { $drills } latihan
certificate-transfer = (d′ { $d } bagi senario yang tidak pernah dilatih)
certificate-explained = d′ mengukur sejauh mana pegawai membezakan kontena yang mempunyai barang tersembunyi daripada yang bersih, tanpa mengira kesediaan menanda: 0 bermaksud meneka, 2 ke atas baik. Tahap ini memintanya daripada latihan yang mencukupi, tanpa keciciran perkara yang tidak boleh terlepas.
certificate-issued = Dikeluarkan oleh { $issuer } pada { $day }.
certificate-key = Ditandatangani dengan kunci
certificate-check = Sesiapa boleh menyemaknya:

## A cohort's detection skill over periods (crossdock-server cohort)
cohort-title = Kemahiran pengesanan satu kohort
cohort-chart = d′ bagi seluruh kontena bagi setiap tempoh, dengan julat 95 %: bagi senario yang dilatih, dan bagi senario yang tidak pernah dilatih
cohort-explained = Angka-angka menggabungkan setiap keputusan setiap pelatih dalam setiap tempoh. Jurang pindahan ialah d′ bagi senario baharu tolak d′ bagi senario yang dilatih: hampir 0, kemahiran itu terbawa.
cohort-period = { $name }: { $from } hingga { $to }
cohort-sat = { $learners } pelatih, { $drills } latihan
cohort-trained = senario yang dilatih
cohort-transfer = tidak pernah dilatih (pindahan)
cohort-gap = jurang pindahan
cohort-administration = pentadbiran
