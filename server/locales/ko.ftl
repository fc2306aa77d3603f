# Crossdock drill reports: Korean (한국어).
# Drafted by the Crossdock developers from en.ftl: needs review by a native speaker (customs
# terminology) before use with a class.

## The drill report
report-title = 훈련 보고서: { $scenario } ({ $drill })
report-summary = 시작 { $started }, 훈련 { $seconds }초, { $status }, 시드 { $seed }. 교관: { $instructors }.
report-origin = 시나리오 팩 **{ $pack }** 버전 { $version }, 발행: { $publisher } ({ $administration }); 팩 { $sha }.
report-running = 진행 중
report-ended = 종료됨 ({ $how })
report-none = 없음
report-unnamed = 이름 없음
report-scoring = 채점: { $formula }.
report-formula = 점수 = { $wd } × 적발 + { $wp } × 절차 + { $we } × 검사 범위 − { $wf } × 오경보 (0~1); { $pass } 이상이고 본인이 수행한 절차 단계가 하나 이상이면 합격
report-end-ended = 교관이 종료함
report-end-restarted = 시나리오를 다시 시작함
report-end-not-resumed = 서버가 다른 시나리오로 다시 시작함
report-withheld = 이 훈련은 아직 진행 중이며 진실이 공개되지 않았습니다. 숨겨진 것, 발견과 놓침, 점수는 교관이 공개하거나 훈련이 끝나면 여기에 표시됩니다.
report-hidden = 숨겨진 것
report-clean = 없음: 정상 컨테이너입니다. 모든 적발은 오경보입니다.
report-shown-by = 확인 수단: { $tools }
report-class = 학급: { $trainees }명 중 { $passed }명 합격, 평균 { $average }
report-team-procedure = 팀 절차: { $max }단계 중 { $score }단계 순서대로
report-score-line = 점수 { $score } = { $wd } × 적발 { $d } + { $wp } × 절차 { $p } + { $we } × 검사 범위 { $e } − { $wf } × 오경보 { $f }건: { $result }.
report-own-steps = 본인이 수행한 절차: { $steps }
report-step-at = { $step } ({ $seconds }초)
report-out-of-order = (순서 어긋남)
report-indicators = 확인한 지표: { $tools }
report-found = **{ $concealment }** 적발, 적발 #{ $finding }, { $seconds }초
report-missed = **{ $concealment }** 놓침: { $hint }
report-hint-unread = { $tools }(으)로 측정했다면 드러났을 것입니다
report-hint-unmarked = 본인의 { $tools } 측정에 나타났지만 적발을 표시하지 않았습니다
report-false-alarms = 오경보: { $ids }
report-idle = 기록된 행동이 없습니다.
report-not-done = 수행 안 함
report-yes = 예
report-no = 아니요
report-looked-cargo = 가장 오래 본 화물: { $cargo }
report-second-place = 처음 연결이 유지된 채로 다른 곳에서 { $count }번 접속함: 새 연결이 이어받음 (초대를 두 기기에서 쓰거나 공유함).
report-risk = 위험 평가: { $seconds }초 후 { $number }번 컨테이너({ $container })를 골랐고, 근거: { $signs }.
report-risk-score = 이 서류의 징후 { $risk }개, 가장 위험한 후보는 { $highest }개({ $best }번): 선택 { $choice }. 근거 { $reasons }(맞은 근거: { $right }; 서류에 없음: { $wrong }; 놓침: { $missed }). 위험 점수 { $score } = 0.7 × 선택 + 0.3 × 근거.
report-risk-nothing = 없음
report-picture-trail = 위에서 본 모습: 이동 경로(초록 원에서 빨간 사각형까지), 바라본 바닥과 화물(주황색: 더 오래), 오른쪽 점선은 문, 회색은 가벽.
report-picture-walls = 안에서 본 벽을 펼친 모습: 시선이 머문 곳(주황색: 더 오래).
report-timeline = 한 일, 순서대로
wall-left = 왼쪽 벽
wall-front = 앞쪽 벽
wall-right = 오른쪽 벽
report-bookmarks = 북마크
report-said = 말한 문구
report-transcript = 발언 기록 (실시간 자막)
report-floor = 현장
report-picture-timeline = 타임라인: 한 일(표시), 말한 때(초록), 교관의 북마크(주황), 아래는 분.
timeline-reading = 측정
timeline-door = 문
timeline-finding = 적발
timeline-speech = 발언
timeline-bookmark = 북마크
result-passed = 합격
result-failed = 불합격

## Table columns
col-administration = 소속 기관
col-trainees = 교육생
col-passed = 합격
col-average = 평균
col-found = 적발
col-rank = 순위
col-trainee = 교육생
col-admin = 기관
col-hits = 적발
col-misses = 놓침
col-false-alarms = 오경보
col-examined = 검사 범위
col-procedure = 절차
col-joint = 공동
col-spoke = 발언
col-score = 점수
col-result = 결과
col-step = 단계
col-done-at = 수행 시각
col-by = 수행자
col-in-order = 순서 준수
col-at = 시각
col-did = 행동
col-started = 시작
col-drill = 훈련
col-scenario = 시나리오
col-note = 메모
col-phrase = 문구
col-words = 발언
col-channel = 채널
col-name = 이름

## Progress across drills
progress-title = 훈련별 진도
progress-none = 아직 훈련이 없습니다.
progress-found = { $hidden }개 중 { $hits }개
progress-change = 첫 훈련부터 마지막 훈련까지: { $change }.
progress-detection = 탐지 능력
progress-detection-explained = 훈련마다 교육생은 은닉 가능한 범주마다 한 번, 컨테이너 전체에 대해 한 번 판단합니다: 은닉이 있는지 없는지, 표시할지 통과시킬지. d′는 표시하려는 성향과 관계없이 두 경우를 구별하는 능력입니다: 0은 추측, 1은 보통, 2 이상은 우수. c는 그 성향입니다: 0보다 크면 신중함(놓침 증가), 0보다 작으면 쉽게 표시함(오경보 증가). 모든 비율은 반 회 보정(log-linear)하므로 완벽한 기록도 유한한 값을 줍니다.
progress-detection-few = 결론을 내리기에는 훈련이 너무 적음
progress-detection-none = 아직 측정할 수 없음: d′에는 은닉이 있는 훈련과 없는 훈련이 모두 필요합니다.
detection-container = 컨테이너 전체
col-about = 대상
col-hidden-found = 은닉 있음: 발견
col-clean-flagged = 은닉 없음: 표시
col-d-prime = d′ (95 % 구간)
col-criterion = c
col-time-to-flag = 표시까지 시간

## What someone did, on the timeline
did-use = { $tool } 사용
did-open-package = 포장 개봉 ({ $content })
did-open-door = 문 열기
did-close-door = 문 닫기
did-reseal = 컨테이너 재봉인 ({ $number })
did-mark = 발견 사항 #{ $id } 표시 ({ $category })
did-cosign = 발견 사항 #{ $id } 공동 서명 ({ $category })

## Standing in a curriculum (crossdock-server standing)
standing-title = { $curriculum }: { $learner }의 현황
standing-passed = { $on } 통과
standing-retest = { $on } 통과, 재시험 기한 도래
standing-open = 진행 중: 훈련
standing-locked = 잠김
standing-needs = 먼저 { $levels }을(를) 통과해야 합니다.
standing-few = 요구되는 { $needed }회 중 { $sat }회 훈련했습니다.
standing-low = d′ { $d }이(가) 요구 기준 { $needed }보다 낮습니다.
standing-one-sided = d′를 측정하려면 은닉이 있는 훈련과 없는 훈련이 모두 필요합니다.
standing-critical = 놓쳐서는 안 되는 것을 놓쳤습니다: { $categories }.
standing-risk-none = 이 단계의 훈련에서 아직 위험 평가 선택이 없습니다.
standing-risk-low = 위험 평가 평균 { $score }(필요: { $needed }): 서류에 징후가 가장 많은 컨테이너를 그 징후를 근거로 고르세요.
standing-next = 다음 훈련: { $scenario }.
standing-measure = { $drills }회 훈련의 d′ { $d }
standing-measure-none = 아직 d′ 없음({ $drills }회)
standing-explained = 각 단계는 훈련 시나리오의 훈련에서 보인 탐지 능력(컨테이너 전체에 대한 d′: 은닉 유무, 표시 또는 통과; d′와 c의 의미는 진도 보고서 참조)으로 통과하며, 치명적 놓침이 있으면 통과하지 못합니다. 훈련한 적 없는 전이 시나리오는 따로 측정하며, 두 값의 차이는 능력이 옮겨 가는지를 보여 줍니다.
col-level = 단계
col-status = 상태
col-trained = 훈련: d′ (회)
col-transfer = 전이: d′ (회)
col-why = 미통과 이유

## A level's certificate (crossdock-server certificate)
certificate-title = 수료증
certificate-certifies = 다음 사람이
certificate-passed = 을(를) 통과했음을 증명합니다
certificate-on = { $day }
certificate-measure = 탐지 능력 d′ { $d } ({ $drills }회 훈련)
certificate-transfer = (훈련하지 않은 시나리오에서 d′ { $d })
certificate-explained = d′는 표시하려는 성향과 관계없이 은닉이 있는 컨테이너와 없는 컨테이너를 얼마나 잘 구별하는지를 잽니다: 0은 추측, 2 이상은 우수. 이 단계는 충분한 훈련에서 이 값을 요구하며, 놓쳐서는 안 되는 것을 놓치지 않아야 합니다.
certificate-issued = { $issuer } 발급, { $day }.
certificate-key = 서명 키
certificate-check = 누구나 확인할 수 있습니다:

## A cohort's detection skill over periods (crossdock-server cohort)
cohort-title = 교육생 집단의 탐지 능력
cohort-chart = 기간별 컨테이너 전체에 대한 d′와 95 % 구간: 훈련한 시나리오와 훈련한 적 없는 시나리오
cohort-explained = 각 기간의 모든 교육생의 모든 판단을 합한 수치입니다. 전이 격차는 새로운 시나리오의 d′에서 훈련한 시나리오의 d′를 뺀 값이며, 0에 가까우면 능력이 옮겨 갑니다.
cohort-period = { $name }: { $from } ~ { $to }
cohort-sat = 교육생 { $learners }명, 훈련 { $drills }회
cohort-trained = 훈련한 시나리오
cohort-transfer = 훈련한 적 없음(전이)
cohort-gap = 전이 격차
cohort-administration = 기관
