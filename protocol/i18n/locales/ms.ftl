# Crossdock's domain words, shared by the clients, the reports and the console page: Malay (Bahasa Melayu).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before classroom use.

## Tools
tool-documents = Dokumen
tool-seal-check = Semakan meterai
tool-tape-measure = Pita ukur
tool-scale = Penimbang
tool-x-ray = X-ray
tool-density-meter = Meter ketumpatan
tool-trace-detector = Pengesan kesan
tool-radiation-pager = Penggera radiasi
tool-fiberscope = Fiberskop
tool-flashlight = Lampu suluh
tool-pry-bar = Tuil besi
tool-drill = Gerudi
tool-knife = Pisau

## Roles
role-instructor = jurulatih
role-trainee = pelatih
role-observer = pemerhati

## Finding and concealment categories
category-false-wall = Dinding palsu
category-narcotics = Narkotik
category-cigarettes = Rokok
category-undeclared-goods = Barang tidak diisytiharkan
category-weight-discrepancy = Percanggahan berat
category-counterfeit = Barang tiruan
category-wildlife = Hidupan liar
category-cash = Wang tunai
category-weapons = Senjata
category-radioactive = Bahan radioaktif
category-explosives = Bahan letupan
category-seal-tampering = Meterai diusik

## Procedure steps
step-check-documents = semak dokumen
step-check-seal = semak meterai
step-scan = imbas
step-open-doors = buka pintu
step-intrusive = pemeriksaan fizikal
step-mark-findings = tanda penemuan
step-reseal = meterai semula

## Refusals: why the server did not do what was asked
denied = Ditolak: { $reason }
deny-role-forbids = peranan anda tidak membenarkannya
deny-unknown-entity = benda itu sudah tiada
deny-already-held = orang lain sedang memegangnya
deny-hand-busy = tangan itu sudah memegang sesuatu
deny-hand-empty = tangan itu tidak memegang apa-apa
deny-out-of-reach = di luar jangkauan: dekati lagi
deny-out-of-bounds = itu akan keluar dari kontena
deny-invalid-pose = kedudukan tidak sah
deny-no-change = sudah begitu
deny-tool-locked = jurulatih telah mengunci alat itu
deny-frozen = jurulatih telah membekukan anda
deny-paused = latihan dijeda
deny-not-openable = itu tidak boleh dibuka
deny-already-open = sudah dibuka
deny-unknown-finding = tiada penemuan sedemikian
deny-already-signed = anda sudah menandatangani penemuan itu
deny-invalid = permintaan tidak sah
deny-closed = pemeriksaan telah ditutup (kontena dimeterai semula)
deny-unmute-locked = jurulatih telah mengunci nyahsenyap
deny-choose-first = penilaian risiko masih dibuka: pilih dahulu kontena yang hendak diperiksa
deny-choice-made = anda sudah memilih, atau tiada apa untuk dipilih sekarang
deny-other = Pelayan menolaknya.

## Phrases that cross languages (protocol::phrase::PHRASEBOOK): groups, then sentences
phrases-attention = Perhatian
phrases-inspection = Apa yang saya lihat
phrases-request = Apa yang saya perlukan
phrases-answer = Jawapan
phrase-look-here = Lihat sini
phrase-come-here = Mari sini
phrase-follow-me = Ikut saya
phrase-stop = Berhenti
phrase-wait = Tunggu
phrase-careful = Hati-hati
phrase-step-back = Undur
phrase-your-turn = Giliran anda
phrase-fresh-welds = Kimpalan baharu
phrase-fresh-paint = Cat baharu
phrase-new-bolts = Bolt baharu
phrase-wall-too-thick = Dinding ini terlalu tebal
phrase-floor-uneven = Lantai tidak rata
phrase-seal-mismatch = Nombor meterai tidak sepadan
phrase-weight-mismatch = Berat tidak sepadan
phrase-looks-normal = Nampak normal
phrase-check-the-seal-number = Semak nombor meterai
phrase-check-the-documents = Semak dokumen
phrase-need-the-x-ray = Saya perlukan X-ray
phrase-need-light = Saya perlukan lampu
phrase-measure-this = Ukur ini
phrase-open-this = Buka ini
phrase-help-me = Tolong saya
phrase-mark-it = Tandakan sebagai penemuan
phrase-confirmed = Disahkan
phrase-i-disagree = Saya tidak setuju
phrase-yes = Ya
phrase-no = Tidak
phrase-not-sure = Saya tidak pasti
phrase-done = Selesai
phrase-say-again = Sila ulang
phrase-thank-you = Terima kasih

# Signs in a container's papers (the risk-assessment stage)
sign-route = Laluan
sign-hs-code = Kod HS tidak sepadan dengan barang
sign-weight = Berat tidak sepadan
sign-parties = Pengirim atau penerima
sign-seal = Nombor meterai berbeza
sign-description = Perihalan barang kabur
