# Crossdock's domain words, shared by the clients, the reports and the console page: Korean (한국어).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before classroom use.

## Tools
tool-documents = 서류
tool-seal-check = 봉인 검사
tool-tape-measure = 줄자
tool-scale = 저울
tool-x-ray = 엑스레이
tool-density-meter = 밀도 측정기
tool-trace-detector = 흔적 탐지기
tool-radiation-pager = 방사선 경보기
tool-fiberscope = 파이버스코프
tool-flashlight = 손전등
tool-pry-bar = 쇠지렛대
tool-drill = 드릴
tool-knife = 칼

## Roles
role-instructor = 교관
role-trainee = 교육생
role-observer = 참관인

## Finding and concealment categories
category-false-wall = 위장 벽
category-narcotics = 마약
category-cigarettes = 담배
category-undeclared-goods = 미신고 물품
category-weight-discrepancy = 중량 불일치
category-counterfeit = 위조품
category-wildlife = 야생 동식물
category-cash = 현금
category-weapons = 무기
category-radioactive = 방사성 물질
category-explosives = 폭발물
category-seal-tampering = 봉인 훼손

## Procedure steps
step-check-documents = 서류 확인
step-check-seal = 봉인 확인
step-scan = 스캔
step-open-doors = 문 열기
step-intrusive = 개장 검사
step-mark-findings = 적발 표시
step-reseal = 재봉인

## Refusals: why the server did not do what was asked
denied = 거부됨: { $reason }
deny-role-forbids = 현재 역할로는 할 수 없습니다
deny-unknown-entity = 더 이상 존재하지 않습니다
deny-already-held = 다른 사람이 들고 있습니다
deny-hand-busy = 그 손은 이미 무언가를 들고 있습니다
deny-hand-empty = 그 손에는 아무것도 없습니다
deny-out-of-reach = 손이 닿지 않습니다: 더 가까이 가세요
deny-out-of-bounds = 컨테이너 밖으로 나가게 됩니다
deny-invalid-pose = 위치가 올바르지 않습니다
deny-no-change = 이미 그 상태입니다
deny-tool-locked = 교관이 그 도구를 잠갔습니다
deny-frozen = 교관이 당신을 정지시켰습니다
deny-paused = 훈련이 일시 정지되었습니다
deny-not-openable = 열 수 없습니다
deny-already-open = 이미 열려 있습니다
deny-unknown-finding = 해당 적발 사항이 없습니다
deny-already-signed = 이미 서명한 적발 사항입니다
deny-invalid = 요청이 올바르지 않습니다
deny-closed = 검사가 종료되었습니다 (컨테이너 재봉인)
deny-unmute-locked = 교관이 음소거 해제를 잠갔습니다
deny-choose-first = 위험 평가 단계입니다: 먼저 검사할 컨테이너를 고르세요
deny-choice-made = 이미 골랐거나 지금은 고를 것이 없습니다
deny-other = 서버가 거절했습니다.

## Phrases that cross languages (protocol::phrase::PHRASEBOOK): groups, then sentences
phrases-attention = 주의
phrases-inspection = 보이는 것
phrases-request = 필요한 것
phrases-answer = 대답
phrase-look-here = 여기 보세요
phrase-come-here = 이리 오세요
phrase-follow-me = 따라오세요
phrase-stop = 멈추세요
phrase-wait = 기다리세요
phrase-careful = 조심하세요
phrase-step-back = 물러서세요
phrase-your-turn = 당신 차례입니다
phrase-fresh-welds = 새 용접 자국
phrase-fresh-paint = 새 페인트
phrase-new-bolts = 새 볼트
phrase-wall-too-thick = 이 벽이 너무 두껍습니다
phrase-floor-uneven = 바닥이 고르지 않습니다
phrase-seal-mismatch = 봉인 번호가 맞지 않습니다
phrase-weight-mismatch = 무게가 맞지 않습니다
phrase-looks-normal = 정상으로 보입니다
phrase-check-the-seal-number = 봉인 번호를 확인하세요
phrase-check-the-documents = 서류를 확인하세요
phrase-need-the-x-ray = 엑스레이가 필요합니다
phrase-need-light = 조명이 필요합니다
phrase-measure-this = 이것을 측정하세요
phrase-open-this = 이것을 여세요
phrase-help-me = 도와주세요
phrase-mark-it = 발견 사항으로 표시하세요
phrase-confirmed = 확인했습니다
phrase-i-disagree = 동의하지 않습니다
phrase-yes = 예
phrase-no = 아니요
phrase-not-sure = 잘 모르겠습니다
phrase-done = 완료
phrase-say-again = 다시 말해 주세요
phrase-thank-you = 감사합니다

# Signs in a container's papers (the risk-assessment stage)
sign-route = 경로
sign-hs-code = HS 코드가 물품과 맞지 않음
sign-weight = 중량이 맞지 않음
sign-parties = 송하인 또는 수하인
sign-seal = 봉인 번호 불일치
sign-description = 모호한 품명
