# Crossdock client interface: English, the reference every other file follows.
# Every message here must exist in every language (a test checks), with the same arguments.

## The drill
participants = Participants
participants-count = Participants ({ $count })
paused = PAUSED
revealed = truth revealed
resealed = re-sealed
voice-recorded = This session records voice
scenario = Scenario
switch-scenario = Switch to this scenario
seed = Seed
rerandomise = Re-randomise
pause = Pause
resume = Resume
reset = Reset
reveal = Reveal the truth
end-drill = End drill
bookmark = Bookmark
bookmark-note = Note for the debrief (optional)
highlight = Highlight the item ahead
point = Point ahead
truth = What was hidden
nothing-hidden = Nothing was hidden: the container is clean.

## People
link-quality = { $rtt } ms, { $loss } % lost
gone = left the drill
talking = talking
muted = muted
frozen = frozen
lead = has the lead
mute = Mute
unmute = Unmute
freeze = Freeze
unfreeze = Unfreeze
summon = Summon
teleport-here = Bring here
give-lead = Give the lead
remove = Remove
remove-confirm = Click again to remove
mute-all = Mute all
unmute-all = Unmute all
freeze-all = Freeze all
unfreeze-all = Free all
summon-all = Summon all
teleport-all-here = Bring all here
lock-self-unmute = Trainees may not unmute themselves
admit-observers = Observers may join
locked-tools = Locked tools

## Findings
findings-count = Findings ({ $count })
no-findings = No findings yet.
marked-by = by { $names }
confirm = Confirm
reject = Reject
status-open = open
status-confirmed = confirmed
status-rejected = rejected

## Documents
documents = Documents
shipper = Shipper
consignee = Consignee
route = Route
seal-declared = Seal on the documents
seal-fitted = Seal fitted
declared-gross = Declared gross mass
kilograms = { $kg } kg
goods = Goods
hs-code = HS code
packages = Packages
gross = Gross

## Readings
readings = Readings
no-readings = No readings yet.
reading-documents = documents reviewed
reading-seal = seal { $number }, { $condition }
seal-intact = intact
seal-intact-re-sealed = intact (re-sealed)
reading-distance = { $mm } mm
reading-mass = { $kg } kg
reading-image = X-ray image { $width }×{ $height }
reading-density = { $value } kg/m³
reading-trace-alarm = ALARM: { $class }
reading-trace-clear = no trace
reading-dose = { $value } nSv/h
reading-opened = opened: { $content }

## Tags in the scene
tag-seal = Seal { $number }
tag-finding = Finding #{ $id } ({ $status })

## Tools
mode-mark = Mark a finding

## Refusals

## Views
view-free = Free camera
view-own = My eyes
view-overview = Overview
view-first-person = First person / shoulder
camera-free = free camera
camera-overview = overview
camera-follow-shoulder = following { $name }, over the shoulder
camera-follow-first = following { $name }, first person
camera-nobody = nobody called { $name } is here (here: { $present }): showing the overview

## Voice
voice-not-built = Voice is not in this build: rebuild with "cargo build --features voice" (or audio-devices) to talk and listen.
voice-not-in-browser = Voice is not in the browser room yet: talk from the desktop app or a headset app, or by phone.
voice-muted = Voice: muted
voice-talking = Voice: talking
voice-open = Voice: open (hold T to talk)
mute-me = Mute me
unmute-me = Unmute me
all-call = Speak to all

## Keys
keys = Keyboard shortcuts
keys-observer = F1 free camera · F2 follow the next participant · F3 overview · C first person / shoulder · drag to look · WASD QE to fly
keys-participant = WASD walk · drag to look · G grab or release · Space use the tool · Tab next tool · M mark a finding · O open or close a door · F1–F3 views · F point · L say a phrase
keys-instructor = P pause · R reveal · F5 reset · F8 end drill · U summon · Z freeze · H highlight · K point · Y/N judge the oldest open finding · F9 bookmark
keys-voice = T hold to talk · V mute or unmute · B speak to all (instructor)

# The debrief
debrief-problem = The debrief stopped: { $problem }
debrief-drill = Debrief drill
debrief-latest = (the one that ended last, or this one)
debrief-open = Open debrief
debrief-of = Debrief of drill { $drill }
debrief-previous = Previous event
debrief-back = Step back
debrief-play = Play
debrief-pause = Pause
debrief-forward = Step forward
debrief-next = Next event
debrief-close = Close debrief
debrief-speed = Speed
ghost-detail = { $detail } · recorded
marker-finding = marked a finding: { $category }
marker-cosigned = co-signed a finding: { $category }
marker-confirmed = confirmed a finding
marker-rejected = rejected a finding
marker-reading = used the { $tool }
marker-opened = opened a package
marker-door-opened = opened a door
marker-door-closed = closed a door
marker-resealed = re-sealed the container
marker-paused = paused the drill
marker-resumed = resumed the drill
marker-revealed = revealed the truth
marker-talk = spoke for { $seconds } s
marker-bookmark = bookmark
marker-said = said

## Phrases that cross languages (the panel and the tablet)
phrases-heading = Phrases
phrases-none = Nothing said yet.
phrases-say = Say a phrase
phrases-tools = Tools
phrases-findings = Findings
phrases-scenario = This drill's phrases
wheel-more = More…

## Interpretation channels
listen-to = Listen to
channel-floor = The floor
floor-level = Floor under the interpreter
interpreting = You interpret into { $language }: you hear the floor, and only those listening to { $language } hear you.
interprets = interprets into { $language }
interpreter-into = Interpreter into

## Live captions
captions-show = Show live captions
captions-none = No captions yet: they appear as people speak.
captions-off-server = Live captions are off on this server: the centre turns them on with the speech worker (captions_worker, see the README).
marker-caption = caption

# Pointing with a hand
point-start = Point with your hand
point-stop = Stop pointing
pointing-now = Everyone sees where you point.

# The risk-assessment stage
risk-heading = Risk assessment: which container to examine?
risk-closed = The risk assessment is over: examine the container in front of you.
risk-wait = You have chosen. The doors open once every trainee has chosen (or the instructor closes this stage).
risk-help = Read each container's papers. Tick the signs that call for an examination, then choose the one to examine. You choose once, alone.
risk-progress = { $chosen } of { $trainees } trainees have chosen. The doors stay shut until all have.
risk-no-reasons = no reasons given
risk-you-chose = You chose container { $number }: { $why }.
risk-reasons = The signs you see
risk-candidate = Container { $number }: { $container }
risk-here = in front of you
risk-choose = Examine this one
risk-close = Close the risk assessment (open the doors)
standing-heading = Where you stand: { $curriculum }
