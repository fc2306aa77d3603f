# Crossdock console: Korean (한국어).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before use with a class.

console-title = Crossdock 콘솔
console-of-instructor = 교관 콘솔
console-of-observer = 참관인 콘솔
tab-live = 실시간
tab-class = 수업과 초대장
tab-drills = 훈련
watch-3d = 3D로 보기
who-you-are = { $name }, { $role }, 세션 { $session }
done = 완료했습니다.

## Opening the console
login-heading = 콘솔 열기
login-help = 콘솔 링크나 교관의 초대 링크를 붙여 넣으십시오. 참관인 초대장으로는 보기만 할 수 있습니다.
login-token = 초대 링크 또는 토큰
login-open = 열기
login-connecting = 연결하는 중…
login-lost = 서버와의 연결이 끊어졌습니다. 페이지를 새로 고쳐 다시 연결하십시오.
refused-version = 이 페이지는 다른 버전의 서버에서 온 것입니다: 새로 고치십시오.
refused-headset-invite = 이 초대장은 헤드셋용입니다. 교관의 초대장으로 콘솔을 열거나, 보기만 하려면 참관인 초대장을 쓰십시오.
refused-session = 이 서버는 세션 { $session }을(를) 열고 있지 않습니다: 이 서버의 세션 초대장을 요청하십시오.

## Live
watching-only = 보기 전용입니다: 교관 콘솔만 훈련을 조종할 수 있습니다.
drill-heading = 훈련 { $number }: { $scenario }
drill-running = 진행 중
drill-paused = 일시 정지
drill-elapsed = { $time } 경과
drill-revealed = 정답 공개됨
drill-debrief = 훈련 { $drill } 디브리핑 진행 중
map-heading = 위에서 본 지도 (문은 오른쪽)
teleport-pick = { $name }이(가) 갈 곳을 지도에서 누르십시오.
people-heading = 참가자
people-none = 아직 아무도 들어오지 않았습니다.
tile-rtt = 왕복 { $ms } ms
tile-loss = 손실 { $percent } %
tile-tool = 도구: { $tool }
tile-last = 최근: { $action }
tile-talking = 말하는 중
tile-muted = 음소거
tile-interprets = { $language } 통역
tile-frozen = 정지됨
tile-lead = 팀장
tile-away = 연결 끊김
tile-left = 훈련에서 나감
action-grab = 물건을 집었습니다
action-release = 물건을 내려놓았습니다
action-move = 화물을 옮겼습니다
action-open-door = 문을 열었습니다
action-close-door = 문을 닫았습니다
action-reading = 측정했습니다
action-finding = 발견 사항을 표시했습니다
action-co-sign = 발견 사항에 공동 서명했습니다
action-reseal = 컨테이너를 다시 봉인했습니다
action-command = 명령을 내렸습니다
action-mute = 마이크를 껐습니다
action-unmute = 마이크를 켰습니다
action-say = 문구를 말함
action-listen = 채널 선택
action-point = 가리킴
action-point-stop = 가리키기 중지
action-choose = 검사할 컨테이너 선택
findings-heading = 발견 사항
findings-none = 아직 발견 사항이 없습니다.
finding-by = 표시: { $names }
finding-open = 판정 대기
finding-confirmed = 확인됨
finding-rejected = 기각됨
finding-confirm = 확인
finding-reject = 기각

## Steering
steer-pause = 일시 정지
steer-resume = 계속
steer-reset = 처음부터
steer-end = 훈련 종료
steer-rerandomise = 다시 무작위 배치
steer-switch = 시나리오 변경
steer-mute-all = 훈련생 모두 음소거
steer-unmute-all = 훈련생 모두 음소거 해제
steer-lock-unmute = 스스로 음소거 해제 잠금
steer-unlock-unmute = 스스로 음소거 해제 허용
steer-freeze-all = 훈련생 모두 정지
steer-unfreeze-all = 훈련생 모두 정지 해제
steer-summon-all = 모두 문 앞으로 부르기
steer-reveal = 정답 공개
steer-observers-open = 참관인 입장 허용
steer-observers-closed = 참관인 입장 거부
steer-close-risk = 위험 평가 닫기(교육생 { $trainees }명 중 { $chosen }명 선택)
steer-open-debrief = 최근 훈련 디브리핑 열기
steer-close-debrief = 디브리핑 닫기
person-interpreter = 통역사
person-not-interpreter = 통역사 아님
person-mute = 음소거
person-unmute = 음소거 해제
person-freeze = 정지
person-unfreeze = 정지 해제
person-summon = 부르기
person-teleport = 이동시키기
person-lead = 팀장 맡기기
person-remove = 내보내기
person-remove-confirm = { $name }을(를) 세션에서 내보내시겠습니까?

## Class and invites
class-heading = 새 훈련
class-scenario = 시나리오
class-roster = 수강생 명단 (CSV: learner_id, display_name, administration, locale)
class-roster-help = 비워 두면 지금 명단을 그대로 씁니다.
class-start = 새 훈련 시작
class-invites = 초대장
class-make-invites = 초대장 만들기
class-print = 초대장 인쇄
class-sheet-help = 카드 한 장으로 한 사람이 들어옵니다: 헤드셋이나 휴대폰으로 QR 코드를 스캔하거나, { $room }을(를) 열고 여섯 자리 코드를 입력하십시오({ $minutes }분 동안 한 번 유효).
class-server = 서버: { $server }
class-expires = 초대장 유효 기한: { $time }
class-code = 코드
class-any-trainee = 훈련생 누구나
class-any-observer = 참관인 누구나
problem-roster = 이 명단은 쓸 수 없습니다: { $reason }
problem-roster-too-large = 명단이 { $kib } KiB로, 콘솔이 보낼 수 있는 { $max } KiB보다 큽니다. 반을 더 작은 명단으로 나누세요.
problem-too-large = { $kib } KiB로, 서버가 한 번에 받는 { $max } KiB보다 큽니다. 아무것도 바뀌지 않았습니다. 더 작게 나누어 보내세요(명단: 반을 나누세요).
problem-no-drill = 이 세션에 훈련 { $drill }이(가) 없습니다.
problem-busy = 이전 요청에 아직 답하는 중입니다: 잠시 후 다시 하십시오.

## Drills and reports
drills-heading = 이 세션의 훈련
drills-refresh = 새로 고침
drills-none = 아직 훈련이 없습니다.
drills-number = 훈련
drills-scenario = 시나리오
drills-started = 시작
drills-length = 길이
drills-trainees = 참가자
drills-state = 상태
drills-running = 진행 중
drills-ended = 종료
drills-report = 보고서
drills-debrief = 디브리핑 열기
report-heading = 훈련 { $drill } 보고서
report-print = 보고서 인쇄
report-close = 닫기

## 브라우저 방 페이지(/room), 방이 열리기 전
room-title = Crossdock 방
room-opening = 방을 여는 중…
room-name-label = 수업에서 보일 이름
room-name-enter = 방에 들어가기
room-code-heading = 초대장의 여섯 자리 코드를 입력하십시오
room-code-help = 또는 초대 링크를 열거나 헤드셋이나 휴대폰으로 QR 코드를 스캔하십시오.
room-code-open = 열기
room-code-checking = 코드를 확인하는 중…
room-code-malformed = 참가 코드는 여섯 자리 숫자입니다: 초대장의 코드를 확인하십시오.
room-code-unknown = 이 참가 코드는 유효하지 않습니다(틀렸거나 이미 사용했거나 만료됨): 숫자를 확인하거나 교관에게 새 코드를 요청하십시오.
room-code-locked = 이 주소에서 틀린 코드가 너무 많습니다: { $minutes }분 기다리거나 교관에게 초대 링크를 요청하십시오.
room-no-server = 이 서버에 연결할 수 없습니다({ $error }). 서버가 실행 중입니까?
room-not-loaded = 브라우저 방을 불러올 수 없습니다({ $error }).
room-enter-vr = VR 시작
room-no-vr = VR을 시작할 수 없습니다: { $error }
room-closed = 방이 닫혔습니다: { $reason }
