# Crossdock's domain words, shared by the clients, the reports and the console page: Indonesian (Bahasa Indonesia).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before classroom use.

## Tools
tool-documents = Dokumen
tool-seal-check = Pemeriksaan segel
tool-tape-measure = Meteran
tool-scale = Timbangan
tool-x-ray = X-ray
tool-density-meter = Pengukur densitas
tool-trace-detector = Detektor jejak
tool-radiation-pager = Pager radiasi
tool-fiberscope = Fiberskop
tool-flashlight = Senter
tool-pry-bar = Linggis
tool-drill = Bor
tool-knife = Pisau

## Roles
role-instructor = instruktur
role-trainee = peserta latih
role-observer = pengamat

## Finding and concealment categories
category-false-wall = Dinding palsu
category-narcotics = Narkotika
category-cigarettes = Rokok
category-undeclared-goods = Barang tidak diberitahukan
category-weight-discrepancy = Selisih berat
category-counterfeit = Barang palsu
category-wildlife = Satwa liar
category-cash = Uang tunai
category-weapons = Senjata
category-radioactive = Bahan radioaktif
category-explosives = Bahan peledak
category-seal-tampering = Segel dirusak

## Procedure steps
step-check-documents = periksa dokumen
step-check-seal = periksa segel
step-scan = pindai
step-open-doors = buka pintu
step-intrusive = pemeriksaan fisik
step-mark-findings = tandai temuan
step-reseal = segel ulang

## Refusals: why the server did not do what was asked
denied = Ditolak: { $reason }
deny-role-forbids = peran Anda tidak mengizinkannya
deny-unknown-entity = benda itu sudah tidak ada
deny-already-held = orang lain sedang memegangnya
deny-hand-busy = tangan itu sudah memegang sesuatu
deny-hand-empty = tangan itu tidak memegang apa pun
deny-out-of-reach = di luar jangkauan: mendekatlah
deny-out-of-bounds = itu akan keluar dari kontainer
deny-invalid-pose = posisi tidak valid
deny-no-change = sudah demikian
deny-tool-locked = instruktur telah mengunci alat itu
deny-frozen = instruktur telah membekukan Anda
deny-paused = latihan sedang dijeda
deny-not-openable = itu tidak bisa dibuka
deny-already-open = sudah terbuka
deny-unknown-finding = temuan itu tidak ada
deny-already-signed = Anda sudah menandatangani temuan itu
deny-invalid = permintaan tidak valid
deny-closed = pemeriksaan sudah ditutup (kontainer disegel ulang)
deny-unmute-locked = instruktur telah mengunci pembunyian
deny-choose-first = penilaian risiko masih berlangsung: pilih dulu kontainer yang akan diperiksa
deny-choice-made = Anda sudah memilih, atau tidak ada yang perlu dipilih sekarang
deny-other = Server menolaknya.

## Phrases that cross languages (protocol::phrase::PHRASEBOOK): groups, then sentences
phrases-attention = Perhatian
phrases-inspection = Yang saya lihat
phrases-request = Yang saya perlukan
phrases-answer = Jawaban
phrase-look-here = Lihat sini
phrase-come-here = Ke sini
phrase-follow-me = Ikuti saya
phrase-stop = Berhenti
phrase-wait = Tunggu
phrase-careful = Hati-hati
phrase-step-back = Mundur
phrase-your-turn = Giliran Anda
phrase-fresh-welds = Las baru
phrase-fresh-paint = Cat baru
phrase-new-bolts = Baut baru
phrase-wall-too-thick = Dinding ini terlalu tebal
phrase-floor-uneven = Lantai tidak rata
phrase-seal-mismatch = Nomor segel tidak cocok
phrase-weight-mismatch = Berat tidak cocok
phrase-looks-normal = Tampak normal
phrase-check-the-seal-number = Periksa nomor segel
phrase-check-the-documents = Periksa dokumen
phrase-need-the-x-ray = Saya perlu X-ray
phrase-need-light = Saya perlu lampu
phrase-measure-this = Ukur ini
phrase-open-this = Buka ini
phrase-help-me = Bantu saya
phrase-mark-it = Tandai sebagai temuan
phrase-confirmed = Dikonfirmasi
phrase-i-disagree = Saya tidak setuju
phrase-yes = Ya
phrase-no = Tidak
phrase-not-sure = Saya tidak yakin
phrase-done = Selesai
phrase-say-again = Ulangi
phrase-thank-you = Terima kasih

# Signs in a container's papers (the risk-assessment stage)
sign-route = Rute
sign-hs-code = Kode HS tidak sesuai barang
sign-weight = Berat tidak sesuai
sign-parties = Pengirim atau penerima
sign-seal = Nomor segel berbeda
sign-description = Uraian barang samar
