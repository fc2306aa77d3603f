# Crossdock's domain words, shared by the clients, the reports and the console page: English, the reference every other file follows.
# Every message here must exist in every language (a test checks), with the same arguments.

## Tools
tool-documents = Documents
tool-seal-check = Seal check
tool-tape-measure = Tape measure
tool-scale = Scale
tool-x-ray = X-ray
tool-density-meter = Density meter
tool-trace-detector = Trace detector
tool-radiation-pager = Radiation pager
tool-fiberscope = Fiberscope
tool-flashlight = Flashlight
tool-pry-bar = Pry bar
tool-drill = Drill
tool-knife = Knife

## Roles
role-instructor = instructor
role-trainee = trainee
role-observer = observer

## Finding and concealment categories
category-false-wall = False wall
category-narcotics = Narcotics
category-cigarettes = Cigarettes
category-undeclared-goods = Undeclared goods
category-weight-discrepancy = Weight discrepancy
category-counterfeit = Counterfeit goods
category-wildlife = Wildlife
category-cash = Cash
category-weapons = Weapons
category-radioactive = Radioactive material
category-explosives = Explosives
category-seal-tampering = Seal tampering

## Procedure steps
step-check-documents = check the documents
step-check-seal = check the seal
step-scan = scan
step-open-doors = open the doors
step-intrusive = intrusive examination
step-mark-findings = mark findings
step-reseal = re-seal

## Refusals: why the server did not do what was asked
denied = Refused: { $reason }
deny-role-forbids = your role may not do that
deny-unknown-entity = that is no longer there
deny-already-held = someone else is holding it
deny-hand-busy = that hand is already holding something
deny-hand-empty = that hand holds nothing
deny-out-of-reach = out of reach: step closer
deny-out-of-bounds = that would leave the container
deny-invalid-pose = the position was not valid
deny-no-change = it is already so
deny-tool-locked = the instructor has locked that tool
deny-frozen = the instructor has frozen you
deny-paused = the drill is paused
deny-not-openable = that cannot be opened
deny-already-open = it is already open
deny-unknown-finding = no such finding
deny-already-signed = you have already signed that finding
deny-invalid = the request was not valid
deny-closed = the inspection is closed (the container is re-sealed)
deny-unmute-locked = the instructor has locked unmuting
deny-choose-first = the risk assessment is open: choose which container to examine first
deny-choice-made = you have already chosen, or there is nothing to choose now
deny-other = the server refused it

## Phrases that cross languages (protocol::phrase::PHRASEBOOK): groups, then sentences
phrases-attention = Attention
phrases-inspection = What I see
phrases-request = What I need
phrases-answer = Answers
phrase-look-here = Look here
phrase-come-here = Come here
phrase-follow-me = Follow me
phrase-stop = Stop
phrase-wait = Wait
phrase-careful = Careful
phrase-step-back = Step back
phrase-your-turn = Your turn
phrase-fresh-welds = Fresh welds
phrase-fresh-paint = Fresh paint
phrase-new-bolts = New bolts
phrase-wall-too-thick = This wall is too thick
phrase-floor-uneven = The floor is uneven
phrase-seal-mismatch = The seal number does not match
phrase-weight-mismatch = The weight does not match
phrase-looks-normal = This looks normal
phrase-check-the-seal-number = Check the seal number
phrase-check-the-documents = Check the documents
phrase-need-the-x-ray = I need the X-ray
phrase-need-light = I need light
phrase-measure-this = Measure this
phrase-open-this = Open this
phrase-help-me = Help me
phrase-mark-it = Mark it as a finding
phrase-confirmed = Confirmed
phrase-i-disagree = I disagree
phrase-yes = Yes
phrase-no = No
phrase-not-sure = I am not sure
phrase-done = Done
phrase-say-again = Say again
phrase-thank-you = Thank you

# Signs in a container's papers (the risk-assessment stage)
sign-route = Route
sign-hs-code = HS code does not fit the goods
sign-weight = Weight does not fit
sign-parties = Shipper or consignee
sign-seal = Seal number differs
sign-description = Vague description
