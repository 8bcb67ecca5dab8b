/**
 * Words for the demo county's answers: invented, written the way children, young people and parents write.
 * Long answers are put together from a situation and (sometimes) a wish, so about a hundred answers rarely repeat.
 * Nothing here may trip the safeguarding word list except the texts in `escalationTexts`; the seed checks that.
 */

/** A sentence about someone's journey; `modes` limits it to people who travel that way, `topic` picks a fitting wish. */
export type Situation = { text: string; modes?: string[]; topic: keyof typeof journeyWishes };

export const journeyWishes = {
  crossing: [
    "It would be better if there was a crossing with a green man.",
    "Just make the drivers slow down.",
    "More lollipop people would help.",
  ],
  dark: ["Please put more lights on the path.", "It would help if the police or a PCSO came past sometimes."],
  bus: [
    "More buses would help so they aren't so full.",
    "I think a teacher should be at the bus stop after school.",
    "I wish the cameras on the buses actually worked.",
    "Could there be a shelter at the stop so we don't get soaked.",
  ],
  cycle: ["A proper cycle lane would make me want to cycle more.", "Somewhere safe to lock bikes would be good."],
  pavement: [
    "Can the council fix the pavements please.",
    "Maybe school could have a walking bus for the younger ones.",
  ],
  speed: ["Just make the drivers slow down.", "Speed bumps would help."],
  people: [
    "It would help if the police or a PCSO came past sometimes.",
    "I think a teacher should be around after school.",
  ],
  anxious: [
    "A quiet seat area on the bus would really help me.",
    "It would help if I could get on first before it gets busy.",
  ],
  train: ["It would help if there was someone at the station to ask.", "Cameras that work at the station would help."],
  fine: ["Thank you for asking us."],
} as const;

export const journeySituations: Situation[] = [
  {
    text: "I walk to school with my sister and the big roundabout is really scary to cross.",
    modes: ["Walk"],
    topic: "crossing",
  },
  { text: "The bus is always packed and the older kids shout and push at the back.", modes: ["Bus"], topic: "bus" },
  {
    text: "There are no lights on the path through the park so in winter it's dark when I come home.",
    modes: ["Walk", "Bike or scooter"],
    topic: "dark",
  },
  {
    text: "Cars park on the pavement outside school so we have to walk in the road.",
    modes: ["Walk", "Bike or scooter"],
    topic: "pavement",
  },
  {
    text: "I get the train and the station feels empty and a bit creepy in the mornings.",
    modes: ["Train"],
    topic: "train",
  },
  { text: "My mum drives me because she says the road is too busy to walk.", modes: ["Car"], topic: "crossing" },
  {
    text: "I cycle but there is no proper cycle lane on the main road and lorries go really close.",
    modes: ["Bike or scooter"],
    topic: "cycle",
  },
  { text: "Sometimes the bus doesn't turn up and then I have to wait ages on my own.", modes: ["Bus"], topic: "bus" },
  {
    text: "The underpass near the shops smells and there is broken glass everywhere.",
    modes: ["Walk", "Bike or scooter"],
    topic: "dark",
  },
  { text: "I feel fine most days because I walk with my friends.", modes: ["Walk"], topic: "fine" },
  { text: "The lollipop lady is really nice and makes me feel safe crossing.", modes: ["Walk", "Car"], topic: "fine" },
  {
    text: "People vape and swear at the bus stop and it makes me feel uncomfortable.",
    modes: ["Bus"],
    topic: "people",
  },
  { text: "When it rains the path floods and we have to walk on the road.", modes: ["Walk"], topic: "pavement" },
  { text: "Some older boys hang around outside the chip shop and shout things at us.", topic: "people" },
  { text: "The bus driver is kind and waits until we sit down.", modes: ["Bus"], topic: "fine" },
  {
    text: "I scoot to school and the pavements are really bumpy with big cracks.",
    modes: ["Bike or scooter"],
    topic: "pavement",
  },
  {
    text: "My journey is about 40 minutes on two buses, which is a long time on my own.",
    modes: ["Bus"],
    topic: "bus",
  },
  { text: "Dogs off the lead on the field path scare my little brother.", modes: ["Walk"], topic: "pavement" },
  {
    text: "The zebra crossing on Station Road has faded and drivers don't stop for us.",
    modes: ["Walk", "Bike or scooter"],
    topic: "crossing",
  },
  {
    text: "I'm autistic and the loud busy bus makes me really anxious before school even starts.",
    modes: ["Bus"],
    topic: "anxious",
  },
  { text: "In the mornings it's ok but after school club it's dark and I don't like it.", topic: "dark" },
  { text: "Cars drive really fast down our road even though it says 20.", topic: "speed" },
  {
    text: "I use a wheelchair and half the dropped kerbs on my way are missing or broken.",
    modes: ["Walk"],
    topic: "pavement",
  },
  { text: "I feel safe because my dad walks me right to the gate.", modes: ["Walk"], topic: "fine" },
  { text: "The drop-off outside school is chaos, cars reverse without looking.", modes: ["Car"], topic: "speed" },
  { text: "The train is usually fine but if it's cancelled there's no one to ask.", modes: ["Train"], topic: "train" },
  { text: "Year 11s take the back seats and it gets a bit much sometimes.", modes: ["Bus"], topic: "bus" },
  { text: "There's a bit by the industrial estate with no pavement at all.", topic: "pavement" },
  { text: "Honestly it's fine, I've never had a problem.", topic: "fine" },
  {
    text: "My bike got nicked from the rack at the station so now I don't leave it there.",
    modes: ["Bike or scooter", "Train"],
    topic: "cycle",
  },
];

/** Answers with personal details, so that masking shows in the demo. */
export const journeyPersonal = [
  "My name is Jake. I walk down Mill Lane every day and the cars go way too fast.",
  "I live at 14 Orchard Close and there's no pavement at the end of our road so I walk in the road.",
  "If you want to ask me more about it my mum's number is 07700 900461.",
  "I'm called Amira. I get the 22 bus. The bus is fine but the stop has no shelter so we get soaked.",
];

export const journeyShort = [
  "More buses",
  "A crossing outside school",
  "Lights in the park",
  "Less traffic",
  "A cycle lane",
  "Cheaper bus fares",
  "A shelter at the bus stop",
  "No cars parked on the pavement",
  "Speed bumps on our road",
  "A later bus after clubs",
  "Teachers at the gate",
  "Fix the pavements",
  "Quieter buses",
  "Nothing, it's fine",
  "A shorter journey",
  "Free bus pass",
  "Walk with my friends",
  "More lollipop people",
];

export const journeyOther = [
  "A lollipop person by the roundabout",
  "Bus drivers waiting till we sit down",
  "Working CCTV at the station",
  "Somewhere warm to wait",
  "Fewer cars outside school at home time",
  "Signs telling drivers there's a school",
];

/** The "Other" reasons a child gives for not going to a youth club. */
export const clubStopsOther = ["My mum says it's too late", "I have to look after my brother", "My friends don't go"];

/** Off-topic answers an officer hides. */
export const offTopic = ["this survey is boring lol", "poo poo bum", "asdfghjkl"];

/** The one answer that goes straight to the safeguarding lead. */
export const journeyEscalation = "someone at the bus stop hits me and takes my money and I don't want to tell anyone";

export const escalationTexts = new Set([journeyEscalation]);

// Healthy lunches ---------------------------------------------------------------------------------------

export const lunchYoung = [
  "The pizza is nice but it's always gone by the time Year 7 go in.",
  "I want more fruit and not just bruised apples.",
  "The queue is so long I only get about 10 minutes to eat.",
  "The vegetarian option is always pasta. Every day.",
  "It costs too much, a meal deal is nearly three pounds.",
  "I have a nut allergy and I never know what's safe to eat.",
  "The water fountains are broken so people buy fizzy drinks instead.",
  "A salad bar would be good, and wraps.",
  "Portions are too small for older students, I'm starving by last lesson.",
  "I like the roast on Thursdays, that's the best day.",
  "The halal options run out really quickly.",
  "The dinner hall is so loud you can't talk to your friends.",
  "We should get to help choose the menu.",
  "Can we have more hot food that isn't chips.",
];

export const lunchParents = [
  "My son has free school meals but the allowance doesn't cover a drink and a main.",
  "I'd like to see the menus a week in advance so I can talk to my daughter about what to choose.",
  "The packed lunch rules are confusing. They took a cereal bar off my child and sent a note home.",
  "My son has sensory needs and the dinner hall is too loud for him to eat anything.",
  "The cashless system is hard to top up if you don't have a smartphone.",
  "Primary portions are fine but secondary lunches are very expensive for a family with three children.",
  "I'd love more cooking clubs so children learn to make simple healthy meals.",
  "As a foster carer I'd like to know the school is checking that children actually eat.",
  "Please label allergens clearly on the menu and the counter.",
  "The quality has got much better this year, thank you to the kitchen staff.",
];

export const lunchOther = [
  "A microwave for packed lunches",
  "Sit with friends who have packed lunch",
  "Menus in Polish too",
  "Halal every day",
];

// Youth clubs ---------------------------------------------------------------------------------------------

/** A sentence about youth clubs; `wishes` replaces the general wishes where only some fit. */
export type ClubSituation = string | { text: string; wishes: string[] };

export const clubSituations: ClubSituation[] = [
  "Our youth club shuts at 7 which is way too early, especially on Fridays.",
  "It costs about four pounds on the bus there and back so I can't go every week.",
  "The youth workers are really nice and I can talk to them about stuff.",
  "There's nothing for older teenagers, it's all stuff for little kids.",
  "I love youth club, it's the only place I can go that's warm and free.",
  "I don't go because I don't know anyone there.",
  "The building is cold and the pool table has been broken for ages.",
  "I'd go more if it was open at the weekend.",
  "Ours closed last year and now there's nowhere to go after school.",
  "I went to the music sessions and it was the best thing I did all year.",
  "I'm a young carer and youth club is my only proper break in the week.",
  "There's nothing to do in our village, the club is in town and the last bus is at 6.",
  "I like the cooking nights because we get to eat what we make.",
  "It would be good if young people could help run it and decide what happens.",
  "I feel safe there because the staff know us.",
  { text: "Sometimes it's too crowded and loud for me.", wishes: ["A quiet room for people who get anxious."] },
  {
    text: "I use a wheelchair and can't get up the steps to the upstairs room.",
    wishes: ["A lift or a ramp so everyone can get in."],
  },
  "The football sessions are great but they keep getting cancelled.",
  "My mum won't let me walk back in the dark so I have to leave early.",
  "It's a good place to meet people from other schools.",
];

export const clubWishes = [
  "Please keep it open until 9.",
  "Free buses to youth club would help loads.",
  "More trips like bowling and the beach.",
  "We want a say in what activities they do.",
  "Gaming nights!",
  "Help with homework and CVs for the older ones.",
  "Opening on Saturday afternoons would be amazing.",
  "I'd volunteer to help run sessions for the younger kids.",
  "Art and music sessions, not just sport.",
];

export const clubPersonal = [
  "My name is Kayla. I go to the Tuesday club, it's the best night of my week but it ends too early.",
  "You can text me on 07700 900812 if you want help running it, I've got loads of ideas.",
];
