# Crossdock client interface: Korean (한국어).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before classroom use.

## The drill
participants = 참가자
participants-count = 참가자 ({ $count })
paused = 일시 정지
revealed = 정답 공개됨
resealed = 재봉인됨
voice-recorded = 이 세션은 음성을 녹음합니다
scenario = 시나리오
switch-scenario = 이 시나리오로 전환
seed = 시드
rerandomise = 다시 무작위 배치
pause = 일시 정지
resume = 계속
reset = 초기화
reveal = 정답 공개
end-drill = 훈련 종료
bookmark = 북마크
bookmark-note = 디브리핑 메모 (선택)
highlight = 보고 있는 것 강조
point = 앞을 가리키기
truth = 숨겨진 것
nothing-hidden = 숨겨진 것이 없습니다: 컨테이너는 정상입니다.

## People
link-quality = { $rtt } ms, 손실 { $loss } %
gone = 훈련에서 나감
talking = 말하는 중
muted = 음소거됨
frozen = 정지됨
lead = 리더
mute = 음소거
unmute = 음소거 해제
freeze = 정지
unfreeze = 정지 해제
summon = 호출
teleport-here = 여기로 이동
give-lead = 리더 지정
remove = 퇴장
remove-confirm = 다시 클릭하면 퇴장시킵니다
mute-all = 모두 음소거
unmute-all = 모두 음소거 해제
freeze-all = 모두 정지
unfreeze-all = 모두 정지 해제
summon-all = 모두 호출
teleport-all-here = 모두 여기로 이동
lock-self-unmute = 교육생의 음소거 해제 금지
admit-observers = 참관인 입장 허용
locked-tools = 잠긴 도구

## Findings
findings-count = 적발 사항 ({ $count })
no-findings = 아직 적발 사항이 없습니다.
marked-by = 표시: { $names }
confirm = 확인
reject = 기각
status-open = 검토 대기
status-confirmed = 확인됨
status-rejected = 기각됨

## Documents
documents = 서류
shipper = 송하인
consignee = 수하인
route = 경로
seal-declared = 서류상 봉인 번호
seal-fitted = 부착된 봉인
declared-gross = 신고 총중량
kilograms = { $kg } kg
goods = 품명
hs-code = HS 코드
packages = 포장 수
gross = 총중량

## Readings
readings = 측정 결과
no-readings = 아직 측정 결과가 없습니다.
reading-documents = 서류 검토함
reading-seal = 봉인 { $number }, { $condition }
seal-intact = 온전함
seal-intact-re-sealed = 온전함 (재봉인됨)
reading-distance = { $mm } mm
reading-mass = { $kg } kg
reading-image = 엑스레이 영상 { $width }×{ $height }
reading-density = { $value } kg/m³
reading-trace-alarm = 경보: { $class }
reading-trace-clear = 흔적 없음
reading-dose = { $value } nSv/h
reading-opened = 개봉: { $content }

## Tags in the scene
tag-seal = 봉인 { $number }
tag-finding = 적발 #{ $id } ({ $status })

## Tools
mode-mark = 적발 표시

## Refusals

## Views
view-free = 자유 카메라
view-own = 내 시점
view-overview = 전체 보기
view-first-person = 1인칭 / 어깨 너머
camera-free = 자유 카메라
camera-overview = 전체 보기
camera-follow-shoulder = { $name } 따라가기, 어깨 너머
camera-follow-first = { $name } 따라가기, 1인칭
camera-nobody = { $name }(이)라는 참가자가 없습니다 (현재: { $present }): 전체 보기를 표시합니다

## Voice
voice-not-built = 이 빌드에는 음성 기능이 없습니다: "cargo build --features voice"(또는 audio-devices)로 다시 빌드하면 말하고 들을 수 있습니다.
voice-not-in-browser = 브라우저 방에는 아직 음성 기능이 없습니다: 데스크톱 앱이나 헤드셋 앱, 또는 전화로 말하십시오.
voice-muted = 음성: 음소거
voice-talking = 음성: 말하는 중
voice-open = 음성: 켜짐 (T를 누르고 말하기)
mute-me = 내 마이크 끄기
unmute-me = 내 마이크 켜기
all-call = 전체에게 말하기

## Keys
keys = 단축키
keys-observer = F1 자유 카메라 · F2 다음 참가자 따라가기 · F3 전체 보기 · C 1인칭 / 어깨 너머 · 드래그로 둘러보기 · WASD QE 비행
keys-participant = WASD 걷기 · 드래그로 둘러보기 · G 잡기/놓기 · Space 도구 사용 · Tab 다음 도구 · M 적발 표시 · O 문 열기/닫기 · F1–F3 시점 · F 가리키기 · L 문구 말하기
keys-instructor = P 일시 정지 · R 공개 · F5 초기화 · F8 훈련 종료 · U 호출 · Z 정지 · H 강조 · K 가리키기 · Y/N 가장 오래된 적발 판정 · F9 북마크
keys-voice = T 누르고 말하기 · V 음소거/해제 · B 전체에게 말하기 (교관)

# The debrief
debrief-problem = 디브리핑이 중단되었습니다: { $problem }
debrief-drill = 디브리핑할 훈련
debrief-latest = (가장 최근에 끝난 훈련 또는 이번 훈련)
debrief-open = 디브리핑 열기
debrief-of = 훈련 { $drill } 디브리핑
debrief-previous = 이전 사건
debrief-back = 한 단계 뒤로
debrief-play = 재생
debrief-pause = 일시 정지
debrief-forward = 한 단계 앞으로
debrief-next = 다음 사건
debrief-close = 디브리핑 닫기
debrief-speed = 속도
ghost-detail = { $detail } · 기록
marker-finding = 발견 표시: { $category }
marker-cosigned = 발견 공동 서명: { $category }
marker-confirmed = 발견 확인
marker-rejected = 발견 기각
marker-reading = { $tool } 사용
marker-opened = 포장 개봉
marker-door-opened = 문을 열었음
marker-door-closed = 문을 닫았음
marker-resealed = 컨테이너 재봉인
marker-paused = 훈련 일시 정지
marker-resumed = 훈련 재개
marker-revealed = 진실 공개
marker-talk = { $seconds }초 발언
marker-bookmark = 북마크
marker-said = 말함

## Phrases that cross languages (the panel and the tablet)
phrases-heading = 문구
phrases-none = 아직 아무 말도 없습니다.
phrases-say = 문구 말하기
phrases-tools = 도구
phrases-findings = 적발 사항
phrases-scenario = 이 훈련의 문구
wheel-more = 더 보기…

## Interpretation channels
listen-to = 듣기 채널
channel-floor = 현장 음성
floor-level = 통역 중 현장 음량
interpreting = { $language }(으)로 통역 중입니다: 현장 음성을 듣고, { $language } 채널 청취자만 당신의 목소리를 듣습니다.
interprets = { $language } 통역
interpreter-into = 통역 언어

## Live captions
captions-show = 실시간 자막 표시
captions-none = 아직 자막이 없습니다: 말하면 나타납니다.
captions-off-server = 이 서버에서는 실시간 자막이 꺼져 있습니다: 센터에서 음성 인식 작업자(captions_worker, README 참조)로 켤 수 있습니다.
marker-caption = 자막

# Pointing with a hand
point-start = 손으로 가리키기
point-stop = 가리키기 중지
pointing-now = 가리키는 곳이 모두에게 보입니다.

# The risk-assessment stage
risk-heading = 위험 평가: 어느 컨테이너를 검사할까요?
risk-closed = 위험 평가가 끝났습니다. 앞에 있는 컨테이너를 검사하세요.
risk-wait = 선택했습니다. 모든 교육생이 고르면(또는 교관이 이 단계를 닫으면) 문을 열 수 있습니다.
risk-help = 각 컨테이너의 서류를 읽고 검사가 필요한 징후를 표시한 뒤 검사할 컨테이너를 고르세요. 혼자서 한 번만 고릅니다.
risk-progress = 교육생 { $trainees }명 중 { $chosen }명이 골랐습니다. 모두 고를 때까지 문은 닫혀 있습니다.
risk-no-reasons = 이유 없음
risk-you-chose = { $number }번 컨테이너를 골랐습니다: { $why }.
risk-reasons = 보이는 징후
risk-candidate = { $number }번 컨테이너: { $container }
risk-here = 앞에 있는 컨테이너
risk-choose = 이 컨테이너 검사
risk-close = 위험 평가 닫기(문 열기 허용)
standing-heading = 나의 위치: { $curriculum }
