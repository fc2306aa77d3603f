# Crossdock console (the training centre's page in a browser): English, the source language.
# Reviewed by the Crossdock developers.

console-title = Crossdock console
console-of-instructor = Instructor's console
console-of-observer = Observer's console
tab-live = Live
tab-class = Class and invites
tab-drills = Drills
watch-3d = Watch in 3D
who-you-are = { $name }, { $role }, session { $session }
done = Done.

## Opening the console
login-heading = Open the console
login-help = Paste the console link or the instructor's invite link. An observer's invite watches without steering.
login-token = Invite link or token
login-open = Open
login-connecting = Connecting…
login-lost = The connection to the server was lost. Reload the page to connect again.
refused-version = This page is from another version of the server: reload it.
refused-headset-invite = This invite is for a headset. Open the console with the instructor's invite, or an observer's to watch.
refused-session = This server does not host session { $session }: ask for an invite to a session it hosts.

## Live
watching-only = You are watching: only an instructor's console can steer the drill.
drill-heading = Drill { $number }: { $scenario }
drill-running = running
drill-paused = paused
drill-elapsed = { $time } elapsed
drill-revealed = truth revealed
drill-debrief = debrief of drill { $drill } open
map-heading = Map from above (the doors are on the right)
teleport-pick = Click on the map where { $name } should go.
people-heading = Participants
people-none = Nobody has joined yet.
tile-rtt = round trip { $ms } ms
tile-loss = loss { $percent } %
tile-tool = tool: { $tool }
tile-last = last: { $action }
tile-talking = talking
tile-muted = muted
tile-interprets = interprets into { $language }
tile-frozen = frozen
tile-lead = has the lead
tile-away = connection dropped
tile-left = left the drill
action-grab = picked something up
action-release = put something down
action-move = moved cargo
action-open-door = opened a door
action-close-door = closed a door
action-reading = took a reading
action-finding = marked a finding
action-co-sign = co-signed a finding
action-reseal = re-sealed the container
action-command = gave a command
action-mute = muted their microphone
action-unmute = unmuted their microphone
action-say = said a phrase
action-listen = chose a channel
findings-heading = Findings
findings-none = No findings yet.
finding-by = by { $names }
finding-open = awaiting judgement
finding-confirmed = confirmed
finding-rejected = rejected
finding-confirm = Confirm
finding-reject = Reject

## Steering
steer-pause = Pause
steer-resume = Resume
steer-reset = Reset
steer-end = End drill
steer-rerandomise = Re-randomise
steer-switch = Switch scenario
steer-mute-all = Mute all trainees
steer-unmute-all = Unmute all trainees
steer-lock-unmute = Lock self-unmute
steer-unlock-unmute = Allow self-unmute
steer-freeze-all = Freeze all trainees
steer-unfreeze-all = Unfreeze all trainees
steer-summon-all = Summon all to the doors
steer-reveal = Reveal the truth
steer-observers-open = Observers may join
steer-observers-closed = Observers are turned away
steer-open-debrief = Open the last drill's debrief
steer-close-debrief = Close the debrief
person-interpreter = Interpreter
person-not-interpreter = Not an interpreter
person-mute = Mute
person-unmute = Unmute
person-freeze = Freeze
person-unfreeze = Unfreeze
person-summon = Summon
person-teleport = Teleport
person-lead = Give the lead
person-remove = Remove
person-remove-confirm = Remove { $name } from the session?

## Class and invites
class-heading = New drill
class-scenario = Scenario
class-roster = Class roster (CSV: learner_id, display_name, administration, locale)
class-roster-help = Leave it empty to keep the current roster.
class-start = Start the new drill
class-invites = Invites
class-make-invites = Make the invites sheet
class-print = Print the sheet
class-sheet-help = Each card admits one person: scan its QR code with the headset or a phone, or open { $room } and type the six-digit code (valid { $minutes } minutes, once).
class-server = Server: { $server }
class-expires = Invites valid until { $time }
class-code = Code
class-any-trainee = Any trainee
class-any-observer = Any observer
problem-roster = The roster cannot be used: { $reason }
problem-roster-too-large = The roster is { $kib } KiB, more than the { $max } KiB a console can send: split the class into smaller rosters.
problem-too-large = That was { $kib } KiB, more than the { $max } KiB the server takes in one request: nothing was changed. Send less at a time (a roster: split the class).
problem-no-drill = There is no drill { $drill } in this session.
problem-busy = Still answering your last request: try again in a moment.

## Drills and reports
drills-heading = Drills of this session
drills-refresh = Refresh
drills-none = No drills yet.
drills-number = Drill
drills-scenario = Scenario
drills-started = Started
drills-length = Length
drills-trainees = Participants
drills-state = State
drills-running = running
drills-ended = ended
drills-report = Report
drills-debrief = Open its debrief
report-heading = Report of drill { $drill }
report-print = Print the report
report-close = Close

## The browser room's page (/room), before the room opens
room-title = Crossdock room
room-opening = Opening the room…
room-name-label = Your name, as the class will see it
room-name-enter = Enter the room
room-code-heading = Type the six-digit code from your invite
room-code-help = Or open the invite link, or scan its QR code with the headset or a phone.
room-code-open = Open
room-code-checking = Checking the code…
room-code-malformed = A join code is six digits: check the code on the invites sheet.
room-code-unknown = This join code is not valid (wrong, already used or expired): check the digits, or ask the instructor for a new one.
room-code-locked = Too many wrong codes from this address: wait { $minutes } minutes, or ask the instructor for the invite link.
room-no-server = Cannot reach this server ({ $error }). Is it running?
room-not-loaded = The browser room could not load ({ $error }).
room-enter-vr = Enter VR
room-no-vr = Cannot enter VR: { $error }
room-closed = The room closed: { $reason }
