# Crossdock drill reports (crossdock-server report --format md, progress --format md): English,
# the reference every other file follows. Names, scenario text and concealment ids are
# arguments, shown as written.

## The drill report
report-title = Drill report: { $scenario } ({ $drill })
report-summary = Started { $started }, { $seconds } s of drill, { $status }, seed { $seed }. Instructors: { $instructors }.
report-origin = From the scenario pack **{ $pack }** version { $version }, published by { $publisher } ({ $administration }); pack { $sha }.
report-running = still running
report-ended = ended ({ $how })
report-none = none
report-unnamed = unnamed
report-scoring = Scoring: { $formula }.
report-formula = score = { $wd } × detection + { $wp } × procedure + { $we } × examined − { $wf } × false alarms (0 to 1); passed at { $pass } or more with at least one procedure step of one's own
report-end-ended = ended by the instructor
report-end-restarted = the scenario was restarted
report-end-not-resumed = the server restarted with another scenario
report-withheld = This drill is still running and its truth has not been revealed: what was hidden, the hits and misses and the scores appear here when the instructor reveals it or the drill ends.
report-hidden = Hidden
report-clean = Nothing: a clean container. Every finding is a false alarm.
report-shown-by = shown by: { $tools }
report-class = Class: { $passed } of { $trainees } passed, average { $average }
report-team-procedure = Team procedure: { $score } of { $max } steps in order
report-score-line = Score { $score } = { $wd } × detection { $d } + { $wp } × procedure { $p } + { $we } × examined { $e } − { $wf } × { $f } false alarm(s): { $result }.
report-own-steps = Procedure steps of their own: { $steps }
report-step-at = { $step } at { $seconds } s
report-out-of-order = (out of order)
report-indicators = Indicators checked with: { $tools }
report-found = Found **{ $concealment }** with finding #{ $finding } at { $seconds } s
report-missed = Missed **{ $concealment }**: { $hint }
report-hint-unread = a reading with any of these would have shown it: { $tools }
report-hint-unmarked = their own reading showed it ({ $tools }), but no finding was marked
report-false-alarms = False alarms: { $ids }
report-idle = Did nothing the log records.
report-not-done = not done
report-yes = yes
report-no = no
report-looked-cargo = Looked longest at: { $cargo }
report-second-place = Joined from a second place while still connected at the first, { $count } time(s): the newer connection took over (an invite used on two devices, or shared).
report-risk = Risk assessment: chose container { $number } ({ $container }) after { $seconds } s, citing: { $signs }.
report-risk-score = Its papers show { $risk } sign(s); the riskiest on offer showed { $highest } (container { $best }): choice { $choice }. Reasons { $reasons } (cited rightly: { $right }; not in its papers: { $wrong }; missed: { $missed }). Risk score { $score } = 0.7 × choice + 0.3 × reasons.
report-risk-nothing = none
report-picture-trail = From above: their path (from the green circle to the red square), the floor and cargo they looked at (orange: longer), the doors dashed at the right, a false wall in grey.
report-picture-walls = The walls from inside, unrolled: where their gaze fell (orange: longer).
report-timeline = What they did, in order
wall-left = left wall
wall-front = front wall
wall-right = right wall
report-bookmarks = Bookmarks
report-said = Phrases said
report-transcript = Transcript (live captions)
report-floor = floor
report-picture-timeline = Timeline: what they did (marks), when they spoke (green) and the instructors' bookmarks (orange), minutes beneath.
timeline-reading = reading
timeline-door = door
timeline-finding = finding
timeline-speech = speech
timeline-bookmark = bookmark
result-passed = passed
result-failed = failed

## Table columns
col-administration = administration
col-trainees = trainees
col-passed = passed
col-average = average
col-found = found
col-rank = rank
col-trainee = trainee
col-admin = admin
col-hits = hits
col-misses = misses
col-false-alarms = false alarms
col-examined = examined
col-procedure = procedure
col-joint = joint
col-spoke = spoke
col-score = score
col-result = result
col-step = step
col-done-at = done at
col-by = by
col-in-order = in order
col-at = at
col-did = did
col-started = started
col-drill = drill
col-scenario = scenario
col-note = note
col-phrase = phrase
col-words = words
col-channel = channel
col-name = name

## Progress across drills
progress-title = Progress across drills
progress-none = No drill yet.
progress-found = { $hits } of { $hidden }
progress-change = From the first drill to the last: { $change }.
progress-detection = Detection skill
progress-detection-explained = Each drill asks every trainee a question per category a concealment could be in, and one about the container as a whole: something hidden or not, flagged or cleared. d′ is the skill of telling the two apart, whatever one's readiness to flag: 0 is guessing, 1 fair, 2 and more good. c is that readiness: above 0 cautious (more misses), below 0 quick to flag (more false alarms). Every rate is corrected by half a trial (log-linear), so a perfect record still gives a finite figure.
progress-detection-few = too few drills to conclude
progress-detection-none = No measure yet: d′ needs drills both with and without something hidden.
detection-container = the container as a whole
col-about = about
col-hidden-found = hidden: found
col-clean-flagged = clean: flagged
col-d-prime = d′ (95 % band)
col-criterion = c
col-time-to-flag = time to flag

## What someone did, on the timeline
did-use = took a reading: { $tool }
did-open-package = opened a package ({ $content })
did-open-door = opened a door
did-close-door = closed a door
did-reseal = re-sealed the container ({ $number })
did-mark = marked finding #{ $id } ({ $category })
did-cosign = co-signed finding #{ $id } ({ $category })

## Standing in a curriculum (crossdock-server standing)
standing-title = { $curriculum }: where { $learner } stands
standing-passed = passed on { $on }
standing-retest = passed on { $on }; a retest is due
standing-open = open: training
standing-locked = locked
standing-needs = Needs { $levels } first.
standing-few = { $sat } of the { $needed } drills it asks so far.
standing-low = d′ { $d } is below the { $needed } it asks.
standing-one-sided = Drills both with and without something hidden are needed to measure d′.
standing-critical = Missed what must never be missed: { $categories }.
standing-risk-none = No risk assessment chosen yet in this level's drills.
standing-risk-low = Risk assessment { $score } on average (needs { $needed }): choose the container whose papers show the most signs, for those signs.
standing-next = Next drill: { $scenario }.
standing-measure = d′ { $d } over { $drills } drill(s)
standing-measure-none = no d′ yet ({ $drills } drill(s))
standing-explained = Each level is passed by detection skill over the drills of its trained scenarios (d′ about the whole container: hidden or clean, flagged or cleared; see progress for what d′ and c mean), and never on a critical miss. Its transfer scenarios, never trained on, are measured apart: the gap between the two says whether the skill carries over.
col-level = level
col-status = status
col-trained = trained: d′ (drills)
col-transfer = transfer: d′ (drills)
col-why = why not yet

## A level's certificate (crossdock-server certificate)
certificate-title = Certificate
certificate-certifies = This certifies that
certificate-passed = has passed
certificate-on = on { $day }
certificate-measure = with detection skill d′ { $d } over { $drills } drills
certificate-transfer = (d′ { $d } on scenarios never trained on)
certificate-explained = d′ measures how well an officer tells a container with something hidden from a clean one, whatever their readiness to flag: 0 is guessing, 2 and more is good. The level asks for it over enough drills, and for no miss of what must never be missed.
certificate-issued = Issued by { $issuer } on { $day }.
certificate-key = Signed with key
certificate-check = Anyone can check it:

## A cohort's detection skill over periods (crossdock-server cohort)
cohort-title = Detection skill of a cohort
cohort-chart = d′ about the whole container per period, with its 95 % band: on the trained scenarios, and on scenarios never trained on
cohort-explained = The figures pool every decision of every learner in each period. The transfer gap is d′ on unseen scenarios minus d′ on trained ones: near 0, the skill carries over.
cohort-period = { $name }: { $from } to { $to }
cohort-sat = { $learners } learners, { $drills } drills
cohort-trained = trained scenarios
cohort-transfer = never trained on (transfer)
cohort-gap = transfer gap
cohort-administration = administration
