"""Vocabulary of the design generator: screen kinds, themes, colours, platforms, layouts.

Screens are written in a compact pipe/semicolon notation so that 60+ kinds stay readable
in one screen of code; `_screen` parses them once at import time.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """One screen-specific element: a canonical component name and how a designer words it."""

    component: str
    phrase: str


@dataclass(frozen=True)
class Screen:
    kind: str
    group: str
    nouns: tuple[str, ...]  # how titles name the screen
    purposes: tuple[str, ...]  # verb phrases completing "the screen ..."
    parts: tuple[Part, ...]
    buttons: tuple[str, ...]
    layouts: tuple[str, ...]


@dataclass(frozen=True)
class Colour:
    name: str
    hex: str


@dataclass(frozen=True)
class Theme:
    name: str
    title_words: tuple[str, ...]  # words users put in titles ("Dark theme", "Dark mode")
    query_words: tuple[str, ...]  # wording for eval prompts, deliberately not the title words
    moods: tuple[str, ...]
    backgrounds: tuple[Colour, ...]
    accents: tuple[Colour, ...]
    fonts: tuple[str, ...]
    radius: tuple[str, ...]
    shadows: tuple[str, ...]


def _screen(kind: str, group: str, nouns: str, purposes: str, parts: str, buttons: str,
            layouts: str = "list|cards|scroll") -> Screen:
    parsed = tuple(Part(*p.split(":", 1)) for p in parts.split(";"))
    return Screen(kind, group, tuple(nouns.split("|")), tuple(purposes.split("|")), parsed,
                  tuple(buttons.split("|")), tuple(layouts.split("|")))


SCREENS: tuple[Screen, ...] = (
    # --- authentication
    _screen("login", "auth", "login|sign in|log in",
            "lets returning users sign in with email and password|welcomes members back to their account",
            "text field:email and password fields with floating labels;checkbox:a 'Remember me' checkbox;"
            "link:a 'Forgot password?' link;button:social sign-in buttons for Google and Apple;logo:the app logo above the form",
            "Log In|Sign In|Continue", "single column|cards|centered form"),
    _screen("signup", "auth", "sign up|signup|registration|create account",
            "collects the details needed to open a new account|gets new users registered in under a minute",
            "text field:name, email and password inputs;progress bar:a password-strength meter;"
            "checkbox:a checkbox accepting the terms;link:an 'Already have an account? Log in' link;avatar:an optional profile photo picker",
            "Create Account|Sign Up|Get Started", "single column|stepper|centered form"),
    _screen("forgot password", "auth", "forgot password|password reset|reset password",
            "helps users recover access to a locked account|sends a reset link to the registered email",
            "text field:a single email input;illustration:a small lock illustration;"
            "text:helper text explaining the next steps;link:a 'Back to login' link",
            "Send Reset Link|Reset Password|Email Me a Link", "single column|centered form"),
    _screen("otp verification", "auth", "OTP verification|verification code|2FA code",
            "confirms a phone number with a one-time code|adds a second factor before sign-in",
            "text field:six boxed digit inputs for the code;timer:a countdown before the code can be resent;"
            "link:a 'Resend code' link;keypad:a numeric keypad",
            "Verify|Confirm Code|Continue", "single column|centered form"),
    # --- first run
    _screen("onboarding", "onboarding", "onboarding|walkthrough|intro slides",
            "introduces the main features in three swipeable slides|explains the app's value before sign-up",
            "illustration:a large hero illustration per slide;pagination:page indicator dots;"
            "text:a bold headline with a short subtitle;link:a 'Skip' link in the corner",
            "Next|Get Started|Skip", "carousel|full-bleed|single column"),
    _screen("splash", "onboarding", "splash|launch screen|splash screen",
            "shows the brand while the app loads|greets users for a second at launch",
            "logo:a centered logo mark;progress ring:a small loading spinner;text:the app name in large type;"
            "text:a version label at the bottom",
            "Tap to Start|Continue", "full-bleed|centered"),
    _screen("welcome", "onboarding", "welcome|landing|get started",
            "gives first-time visitors a choice between signing up and logging in|sets the tone for a new user",
            "illustration:a cheerful hero image;text:a one-line value proposition;button:a secondary outline button;"
            "link:a guest-mode link",
            "Get Started|I Already Have an Account|Explore as Guest", "full-bleed|single column"),
    _screen("permissions", "onboarding", "permissions|allow notifications|location permission",
            "asks for notification and location access with a clear reason|explains why the app needs access",
            "illustration:an icon of a bell and a map pin;text:a short explanation paragraph;"
            "toggle:toggles for each permission;link:a 'Maybe later' link",
            "Allow Access|Enable Notifications|Not Now", "single column|cards"),
    # --- dashboards
    _screen("analytics dashboard", "dashboard", "analytics dashboard|analytics|stats overview",
            "summarises traffic and conversion metrics at a glance|tracks key performance indicators",
            "chart:a line chart of weekly visitors;card:four KPI cards with trend arrows;chart:a donut chart of traffic sources;"
            "table:a table of top pages;dropdown:a date-range picker",
            "Export Report|Add Widget|Share", "grid|cards|sidebar"),
    _screen("finance dashboard", "dashboard", "finance dashboard|banking home|money overview",
            "shows balances, spending and upcoming bills|gives a quick picture of personal finances",
            "card:a balance card with the masked card number;chart:a bar chart of monthly spending;"
            "list:a list of recent transactions;chips:category chips;progress ring:a savings-goal ring",
            "Send Money|Top Up|View All", "cards|scroll|grid"),
    _screen("admin dashboard", "dashboard", "admin panel|admin dashboard|back office",
            "lets administrators monitor users, orders and system health|centralises moderation tasks",
            "sidebar:a collapsible sidebar menu;table:a sortable users table;badge:status badges;"
            "chart:an area chart of sign-ups;search bar:a global search bar",
            "Add User|Export CSV|Refresh", "sidebar|grid|table"),
    _screen("sales dashboard", "dashboard", "sales dashboard|CRM dashboard|revenue overview",
            "follows revenue, deals and the sales pipeline|gives the sales team a daily overview",
            "chart:a stacked bar chart of revenue by region;card:deal-stage cards;avatar:avatars of top sellers;"
            "progress bar:quota progress bars;list:a list of open deals",
            "New Deal|Download Report|Filter", "grid|cards|sidebar"),
    _screen("smart home", "dashboard", "smart home|home control|IoT dashboard",
            "controls lights, climate and locks in each room|brings connected devices into one place",
            "card:room cards with device counts;slider:a thermostat dial;toggle:light switches;"
            "chart:an energy-usage chart;chips:room filter chips",
            "Add Device|All Off|Scenes", "grid|cards|tabs"),
    # --- commerce
    _screen("product list", "commerce", "product list|product listing|shop catalog|product grid",
            "lets shoppers browse and filter products|shows a category of items with prices",
            "card:product cards with image, name and price;chips:filter chips for size and brand;"
            "dropdown:a sort menu;icon:heart icons for the wishlist;search bar:a search bar",
            "Add to Cart|Filter|Load More", "grid|masonry|list"),
    _screen("product detail", "commerce", "product detail|product page|item detail",
            "presents one product with photos, price and options|helps shoppers decide to buy",
            "carousel:a swipeable image gallery;chips:colour and size selectors;rating:a star rating with review count;"
            "text:an expandable description;stepper:a quantity stepper",
            "Add to Cart|Buy Now|Add to Wishlist", "scroll|split view|single column"),
    _screen("cart", "commerce", "cart|shopping cart|basket|shopping bag",
            "reviews the items chosen before paying|lets shoppers adjust quantities and remove items",
            "list:line items with thumbnails;stepper:plus and minus quantity steppers;text field:a promo-code field;"
            "card:an order summary with subtotal, shipping and tax",
            "Checkout|Proceed to Checkout|Continue Shopping", "list|split view|single column"),
    _screen("checkout", "commerce", "checkout|payment|checkout flow",
            "collects shipping address and payment in one step|finishes the purchase securely",
            "text field:address form fields;radio:radio buttons for delivery speed;card:a saved credit card;"
            "stepper:a three-step progress indicator;text:a small security note",
            "Place Order|Pay Now|Confirm Payment", "stepper|single column|split view"),
    _screen("order confirmation", "commerce", "order confirmation|order success|thank you page",
            "confirms that the order went through|shows the order number and delivery estimate",
            "illustration:a large check-mark animation;text:the order number;card:a summary card of purchased items;"
            "text:an estimated delivery date",
            "Track Order|Continue Shopping|View Receipt", "single column|centered"),
    _screen("order tracking", "commerce", "order tracking|track order|delivery status",
            "follows a parcel from warehouse to door|shows live delivery progress",
            "map:a map with the courier's position;timeline:a vertical status timeline;avatar:the courier's avatar;"
            "icon:a phone icon to call the courier",
            "Contact Courier|View Details|Report a Problem", "split view|scroll|list"),
    _screen("wishlist", "commerce", "wishlist|saved items|favorites",
            "keeps products the user wants to buy later|collects saved items in one place",
            "card:saved product cards;icon:filled heart icons;badge:'Back in stock' badges;chips:collection chips",
            "Move to Cart|Share List|Remove", "grid|list|masonry"),
    _screen("food delivery", "commerce", "food delivery|restaurant list|order food",
            "helps hungry users pick a restaurant nearby|lists restaurants with delivery times",
            "card:restaurant cards with cover photos;chips:cuisine chips;badge:delivery-time badges;"
            "search bar:a search field for dishes;rating:star ratings",
            "Order Now|View Menu|Reorder", "list|cards|carousel"),
    _screen("restaurant menu", "commerce", "restaurant menu|menu|dish list",
            "shows a restaurant's dishes grouped by section|lets diners build an order",
            "tabs:section tabs for starters, mains and desserts;list:dish rows with photos and prices;"
            "stepper:add buttons with counters;badge:vegan and spicy badges",
            "Add to Order|View Basket|Checkout", "tabs|list|scroll"),
    _screen("invoice", "commerce", "invoice|billing|receipt",
            "lists billed items, taxes and the amount due|gives customers a printable bill",
            "table:an itemised table;text:billing and shipping addresses;badge:a 'Paid' or 'Due' badge;"
            "logo:the company logo",
            "Download PDF|Pay Invoice|Print", "single column|table"),
    # --- social and communication
    _screen("chat", "social", "chat|messaging|conversation|messages",
            "shows a one-to-one conversation with message bubbles|lets friends exchange messages and photos",
            "bubble:incoming and outgoing chat bubbles;avatar:contact avatars;text field:a message composer;"
            "icon:attachment and emoji icons;badge:read receipts",
            "Send|Attach|Call", "list|scroll"),
    _screen("chat list", "social", "inbox|chat list|conversations",
            "lists recent conversations with unread counts|gives quick access to every chat",
            "list:conversation rows with last-message previews;avatar:round avatars with online dots;"
            "badge:unread-count badges;search bar:a search bar",
            "New Message|New Group|Archive", "list|tabs"),
    _screen("social feed", "social", "social feed|news feed|timeline|home feed",
            "shows posts from friends with photos and reactions|keeps users scrolling through updates",
            "card:post cards with images;avatar:author avatars;icon:like, comment and share icons;"
            "carousel:a stories row at the top",
            "Post|Follow|Share", "scroll|cards|list"),
    _screen("notifications", "social", "notifications|activity|alerts",
            "collects mentions, likes and system alerts|tells users what happened while they were away",
            "list:notification rows grouped by day;avatar:small avatars;badge:unread dots;"
            "tabs:tabs for All and Mentions",
            "Mark All as Read|Clear All|Settings", "list|tabs"),
    _screen("profile", "social", "profile|user profile|account page",
            "presents a user's photo, bio and activity|lets people see who someone is",
            "avatar:a large circular avatar;text:name, handle and bio;stats:follower and following counts;"
            "grid:a grid of recent posts;tabs:tabs for Posts and Likes",
            "Edit Profile|Follow|Message", "scroll|grid|tabs"),
    _screen("edit profile", "social", "edit profile|profile settings|update profile",
            "lets users change their photo, name and bio|keeps personal details up to date",
            "avatar:an avatar with a camera overlay;text field:name, username and bio fields;"
            "dropdown:a pronoun selector;toggle:a private-account toggle",
            "Save Changes|Cancel|Change Photo", "single column|centered form"),
    _screen("contacts", "social", "contacts|friends list|people",
            "lists friends alphabetically with quick actions|makes finding a person easy",
            "list:alphabetical contact rows;avatar:avatars with initials;search bar:a search bar;"
            "index:an A-Z index scrubber on the side",
            "Add Contact|Invite Friends|Call", "list|grid"),
    _screen("comments", "social", "comments|replies|discussion thread",
            "shows threaded comments under a post|lets readers reply and react",
            "list:nested comment rows;avatar:commenter avatars;icon:like counters;text field:a reply composer pinned to the bottom",
            "Reply|Post Comment|Load More", "list|scroll"),
    _screen("team members", "social", "team members|user roles|members management",
            "manages who is on the team and what they can do|assigns roles and permissions",
            "table:a members table;avatar:member avatars;dropdown:role dropdowns for Admin, Editor and Viewer;"
            "badge:pending-invite badges;search bar:a member search",
            "Invite Member|Save Roles|Remove", "table|cards|list"),
    # --- media
    _screen("music player", "media", "music player|now playing|audio player",
            "plays the current track with album art and controls|keeps listening front and centre",
            "image:large album artwork;slider:a scrubber with elapsed and remaining time;"
            "icon:previous, play/pause and next controls;icon:shuffle and repeat toggles;list:an up-next queue",
            "Play|Add to Playlist|Lyrics", "single column|full-bleed"),
    _screen("video player", "media", "video player|watch page|streaming player",
            "plays a video with playback controls and related titles|lets viewers watch and queue episodes",
            "video:a 16:9 video frame;slider:a progress scrubber;icon:play, volume and full-screen icons;"
            "list:a list of related videos",
            "Play|Download|Next Episode", "scroll|split view"),
    _screen("podcast player", "media", "podcast player|episode player|podcasts",
            "plays a podcast episode with chapters and speed control|helps listeners follow shows",
            "image:the show cover;slider:a waveform scrubber;chips:playback-speed chips;list:a chapter list",
            "Play Episode|Subscribe|Skip 30s", "single column|list"),
    _screen("photo gallery", "media", "photo gallery|photos|image gallery|albums",
            "organises photos into albums and moments|lets users browse their pictures",
            "grid:a tight photo grid;tabs:tabs for Photos and Albums;checkbox:selection checkmarks;"
            "icon:a share icon",
            "Upload|Create Album|Select", "grid|masonry"),
    _screen("camera", "media", "camera|photo capture|camera view",
            "captures photos and videos with quick filters|frames a shot with live preview",
            "image:a full-screen viewfinder;button:a large round shutter button;carousel:a filter carousel;"
            "icon:flash and flip-camera icons",
            "Capture|Record|Retake", "full-bleed"),
    _screen("streaming home", "media", "streaming home|movies home|watch list",
            "recommends films and series in themed rows|helps viewers pick something to watch",
            "carousel:a hero banner of a featured film;carousel:horizontal rows of posters;badge:'New' badges;"
            "tabs:genre tabs",
            "Watch Now|Add to List|Trailer", "carousel|scroll|grid"),
    # --- maps and travel
    _screen("map", "travel", "map|map view|places map",
            "shows nearby places on an interactive map|helps people explore the neighbourhood",
            "map:a full-screen map with pins;search bar:a floating search bar;card:a bottom sheet with place details;"
            "chips:category chips for food and parks",
            "Directions|Save Place|Start", "full-bleed|split view"),
    _screen("ride booking", "travel", "ride booking|taxi app|ride hailing",
            "books a car from pickup to destination|compares ride options and prices",
            "map:a map with the route line;text field:pickup and destination fields;card:ride-option cards with prices;"
            "avatar:the driver's avatar",
            "Confirm Ride|Book Now|Schedule", "split view|full-bleed|cards"),
    _screen("flight search", "travel", "flight search|book flights|flight finder",
            "finds flights by route and dates|compares fares between airlines",
            "text field:from and to airport fields;dropdown:a date picker;stepper:a passenger counter;"
            "card:flight result cards with times and prices;chips:filter chips for stops",
            "Search Flights|Select|Book", "cards|list|single column"),
    _screen("hotel booking", "travel", "hotel booking|hotel search|stays",
            "lets travellers pick a hotel and dates|shows rooms with prices and ratings",
            "carousel:hotel photo cards;rating:star ratings;dropdown:check-in and check-out pickers;"
            "chips:amenity chips for wifi and pool;map:a small map preview",
            "Book Room|Check Availability|Reserve", "cards|list|split view"),
    _screen("boarding pass", "travel", "boarding pass|flight ticket|mobile ticket",
            "shows a boarding pass ready for the gate|keeps travel documents offline",
            "card:a ticket-shaped card with a perforation;qr code:a large QR code;text:gate, seat and boarding time;"
            "icon:an airline logo",
            "Add to Wallet|Share|Download", "single column|cards"),
    _screen("weather", "travel", "weather|forecast|weather app",
            "shows current conditions and a week's forecast|tells users whether to take an umbrella",
            "illustration:a big weather icon;text:the temperature in huge numerals;carousel:an hourly forecast strip;"
            "list:a seven-day forecast list",
            "Add City|Refresh|Details", "scroll|cards"),
    _screen("event detail", "travel", "event detail|event page|concert tickets",
            "presents an event with date, venue and ticket tiers|helps people decide to attend",
            "image:a cover image;text:date and venue details;map:a venue map;card:ticket-tier cards;"
            "avatar:avatars of friends going",
            "Get Tickets|Interested|Share Event", "scroll|single column"),
    _screen("seat selection", "travel", "seat selection|cinema seats|seat picker",
            "lets moviegoers choose seats on a hall map|shows which seats are free or taken",
            "grid:a grid of seats in three states;text:a screen indicator at the top;chips:showtime chips;"
            "text:a legend for free, taken and selected",
            "Confirm Seats|Pay|Change Time", "grid|single column"),
    # --- productivity
    _screen("calendar", "productivity", "calendar|schedule|agenda",
            "shows the month with events and a daily agenda|helps users plan their week",
            "grid:a month grid with event dots;list:an agenda list for the selected day;tabs:day, week and month tabs;"
            "chips:colour-coded calendar chips",
            "New Event|Today|Add Reminder", "grid|list|split view"),
    _screen("todo list", "productivity", "to-do list|task list|todo|tasks",
            "tracks tasks with due dates and priorities|keeps daily chores under control",
            "checkbox:round checkboxes;list:task rows;badge:priority flags;chips:list chips for Work and Home;"
            "text field:a quick-add field",
            "Add Task|Clear Completed|Sort", "list|tabs"),
    _screen("notes", "productivity", "notes|note taking|notebook",
            "captures ideas in quick notes with tags|keeps thoughts organised",
            "card:note cards with previews;chips:tag chips;search bar:a search bar;icon:a pin icon",
            "New Note|Share|Pin", "masonry|grid|list"),
    _screen("file manager", "productivity", "file manager|files|documents|cloud storage",
            "browses folders and files in cloud storage|shows storage usage and recent files",
            "grid:folder tiles with coloured icons;list:recent files with sizes;progress bar:a storage-usage bar;"
            "breadcrumb:a breadcrumb path;icon:a more-options menu",
            "Upload|New Folder|Share", "grid|list|sidebar"),
    _screen("kanban board", "productivity", "kanban board|project board|task board",
            "moves tasks across To Do, In Progress and Done columns|gives a team a shared board",
            "card:draggable task cards;avatar:assignee avatars;badge:label badges;chips:sprint chips",
            "Add Card|New Column|Filter", "columns|cards|scroll"),
    _screen("email inbox", "productivity", "email inbox|mail|inbox",
            "lists incoming email with senders and previews|triages mail quickly",
            "list:message rows with bold unread senders;avatar:sender avatars;icon:star and archive icons;"
            "tabs:tabs for Primary and Promotions;search bar:a search bar",
            "Compose|Archive|Mark as Read", "list|split view|sidebar"),
    _screen("email compose", "productivity", "compose email|new message|email editor",
            "writes a new email with attachments|gets a message out fast",
            "text field:to, subject and body fields;chips:recipient chips;icon:formatting icons;"
            "icon:an attachment paper clip",
            "Send|Save Draft|Discard", "single column"),
    _screen("timer", "productivity", "timer|countdown|pomodoro timer|stopwatch",
            "counts down focus sessions and breaks|times work in short sprints",
            "progress ring:a large circular countdown ring;text:big monospace digits;chips:preset chips for 5, 15 and 25 minutes;"
            "list:a history of sessions",
            "Start|Pause|Reset", "single column|centered"),
    _screen("alarm clock", "productivity", "alarm|alarms|alarm clock",
            "sets wake-up alarms for weekdays and weekends|makes sure nobody oversleeps",
            "list:alarm rows with large times;toggle:on/off switches;chips:weekday chips;"
            "picker:a wheel time picker",
            "Add Alarm|Save|Snooze", "list|cards"),
    _screen("search results", "productivity", "search results|search|results page",
            "shows matches for a query with filters|helps users find the right item fast",
            "search bar:a search field with the query;chips:filter chips;list:result rows with highlighted matches;"
            "text:a result count",
            "Filter|Clear|Load More", "list|grid"),
    # --- health and lifestyle
    _screen("habit tracker", "health", "habit tracker|habits|daily habits",
            "tracks daily habits with streaks|builds routines one day at a time",
            "progress ring:progress rings per habit;grid:a streak calendar heatmap;checkbox:check-in buttons;"
            "badge:streak flame badges",
            "Add Habit|Check In|View Stats", "list|cards|grid"),
    _screen("fitness tracker", "health", "fitness tracker|activity tracker|workout stats",
            "shows steps, calories and active minutes|motivates users to move more",
            "progress ring:three activity rings;chart:a weekly bar chart;card:stat cards for steps and heart rate;"
            "badge:achievement badges",
            "Start Workout|Set Goal|Share", "cards|grid|scroll"),
    _screen("workout detail", "health", "workout|exercise detail|training session",
            "guides the user through a workout with sets and rests|explains each exercise",
            "video:an exercise demo clip;list:a list of sets and reps;timer:a rest timer;progress bar:session progress",
            "Start|Next Exercise|Finish", "list|scroll"),
    _screen("meditation", "health", "meditation|mindfulness|breathing exercise",
            "guides calm breathing sessions|helps users relax for a few minutes",
            "illustration:a softly pulsing circle;text:a 'Breathe in' prompt;chips:duration chips;"
            "card:session cards with cover art",
            "Begin Session|Play|Favourite", "single column|cards|centered"),
    _screen("sleep tracker", "health", "sleep tracker|sleep analysis|sleep",
            "analyses last night's sleep stages|shows sleep quality over time",
            "chart:a hypnogram of sleep stages;card:score cards for duration and quality;progress ring:a sleep-score ring;"
            "list:tips for better rest",
            "Set Bedtime|See Trends|Share", "cards|scroll"),
    _screen("water tracker", "health", "water tracker|hydration|water intake",
            "logs glasses of water towards a daily goal|reminds users to drink",
            "illustration:a filling water glass;progress ring:a goal ring;chips:quick-add chips for 250 and 500 ml;"
            "list:today's log",
            "Add Water|Set Goal|Remind Me", "single column|centered"),
    _screen("recipe detail", "health", "recipe|recipe detail|cooking recipe",
            "shows ingredients and steps for one dish|helps home cooks follow along",
            "image:a hero photo of the dish;chips:time and difficulty chips;list:an ingredient checklist;"
            "list:numbered steps;stepper:a servings stepper",
            "Start Cooking|Save Recipe|Add to List", "scroll|tabs"),
    _screen("meal planner", "health", "meal planner|meal plan|diet planner",
            "plans breakfast, lunch and dinner for the week|balances calories and macros",
            "tabs:weekday tabs;card:meal cards with photos;chart:a macro donut chart;badge:calorie badges",
            "Add Meal|Generate Plan|Shopping List", "tabs|cards|list"),
    _screen("doctor appointment", "health", "doctor appointment|book appointment|clinic booking",
            "books a visit with a doctor at a free time slot|shows doctors and availability",
            "card:doctor cards with photos and specialties;chips:time-slot chips;dropdown:a date strip;"
            "rating:star ratings",
            "Book Appointment|Video Call|Reschedule", "cards|list"),
    # --- finance
    _screen("wallet", "finance", "wallet|cards|payment cards",
            "stores payment cards and shows balances|pays with a tap",
            "card:stacked credit-card visuals;list:recent payments;icon:a contactless icon;chips:currency chips",
            "Add Card|Pay|Freeze Card", "cards|scroll"),
    _screen("transaction history", "finance", "transactions|transaction history|statements",
            "lists every payment with merchant and amount|helps users check their spending",
            "list:transaction rows with merchant logos;chips:filter chips by category;search bar:a search bar;"
            "text:daily totals as section headers",
            "Export|Filter|Download Statement", "list|tabs"),
    _screen("money transfer", "finance", "send money|money transfer|payments",
            "sends money to a contact in a few taps|transfers funds between accounts",
            "avatar:a row of recent recipients;keypad:a large amount keypad;text field:a note field;"
            "dropdown:an account selector",
            "Send|Continue|Request Money", "single column|centered"),
    _screen("budget planner", "finance", "budget|budget planner|expense tracker",
            "sets monthly budgets per category|warns before overspending",
            "progress bar:category progress bars;chart:a pie chart of expenses;card:a remaining-budget card;"
            "list:upcoming bills",
            "Add Expense|Set Budget|View Report", "cards|list"),
    _screen("crypto portfolio", "finance", "crypto portfolio|crypto wallet|coin tracker",
            "tracks coin holdings and price changes|shows the value of a crypto portfolio",
            "chart:a sparkline per coin;list:holding rows with percentage changes;card:a total-balance card;"
            "tabs:time-range tabs",
            "Buy|Sell|Swap", "list|cards"),
    _screen("stock detail", "finance", "stock detail|stock page|ticker detail",
            "shows one stock's price chart and key figures|helps investors decide",
            "chart:a candlestick chart;tabs:range tabs 1D to 5Y;table:key statistics;list:related news",
            "Buy|Sell|Add to Watchlist", "scroll|split view"),
    # --- education
    _screen("course list", "education", "courses|course catalog|learning home",
            "lists courses with progress and lessons left|helps learners pick up where they stopped",
            "card:course cards with cover art;progress bar:progress bars;chips:topic chips;avatar:instructor avatars",
            "Continue Learning|Enroll|Browse All", "cards|grid|list"),
    _screen("quiz question", "education", "quiz|quiz question|trivia",
            "asks one multiple-choice question at a time|tests what the learner knows",
            "text:a question card;list:four answer options;progress bar:a question progress bar;timer:a countdown badge",
            "Submit Answer|Next|Skip", "single column|cards"),
    _screen("quiz results", "education", "quiz results|score screen|results",
            "shows the final score with correct and wrong answers|celebrates the learner's result",
            "progress ring:a big score ring;text:the percentage in large type;list:a review list of answers;"
            "illustration:confetti",
            "Try Again|Review Answers|Share Score", "single column|centered"),
    _screen("flashcards", "education", "flashcards|study cards|vocabulary cards",
            "drills vocabulary with flip cards|helps memorise with spaced repetition",
            "card:a large flip card;progress bar:deck progress;icon:swipe hints;chips:deck chips",
            "Flip|I Know It|Study Again", "cards|centered"),
    _screen("leaderboard", "education", "leaderboard|rankings|high scores",
            "ranks players by points this week|adds friendly competition",
            "podium:a top-three podium;list:ranked rows with avatars and scores;tabs:tabs for Friends and Global;"
            "badge:rank-change arrows",
            "Challenge|Invite Friends|View Rewards", "list|tabs"),
    # --- settings and account
    _screen("settings", "settings", "settings|preferences|app settings",
            "groups account, notification and privacy options|lets users tailor the app",
            "list:grouped setting rows with icons;toggle:toggle switches;text:section headers;"
            "icon:chevrons for sub-pages",
            "Log Out|Save|Reset", "list|sidebar"),
    _screen("notification settings", "settings", "notification settings|notification preferences",
            "chooses which alerts arrive by push, email or SMS|keeps notifications under control",
            "toggle:toggle rows per alert type;checkbox:channel checkboxes;picker:quiet-hours pickers",
            "Save Preferences|Turn All Off", "list"),
    _screen("subscription plans", "settings", "pricing|subscription plans|upgrade|plans",
            "compares Free, Pro and Team plans|convinces users to upgrade",
            "card:three plan cards with a highlighted middle one;toggle:a monthly/yearly switch;"
            "list:feature checklists;badge:a 'Most popular' badge",
            "Upgrade|Start Free Trial|Choose Plan", "cards|columns"),
    _screen("payment methods", "settings", "payment methods|billing settings|saved cards",
            "manages saved cards and billing details|sets a default payment method",
            "list:saved card rows with brand logos;radio:a radio for the default card;text field:a new-card form",
            "Add Payment Method|Save|Remove", "list|single column"),
    # --- support
    _screen("help center", "support", "help center|FAQ|help|knowledge base",
            "answers common questions in expandable sections|lets users help themselves",
            "search bar:a big search bar;accordion:FAQ accordions;card:topic cards;link:a 'Still need help?' link",
            "Contact Us|Search|Browse Topics", "list|cards|single column"),
    _screen("contact support", "support", "contact support|support|customer service|contact us",
            "lets users reach the support team|collects a problem report with details",
            "text field:subject and message fields;dropdown:a topic dropdown;upload:a screenshot upload area;"
            "card:chat and phone options",
            "Submit Request|Start Chat|Call Us", "single column|cards"),
    _screen("feedback form", "support", "feedback|feedback form|rate us",
            "collects ratings and comments about the app|asks users what to improve",
            "rating:a five-star rating;chips:quick-tag chips;text field:a comment box;illustration:an emoji scale",
            "Send Feedback|Submit|Skip", "single column|centered"),
    # --- legal
    _screen("terms of service", "legal", "terms of service|terms and conditions|terms",
            "presents the terms users must accept|explains the rules of using the service",
            "text:long numbered sections;list:a table of contents;checkbox:an 'I agree' checkbox;"
            "text:a last-updated date",
            "Accept|Decline|Download", "scroll|sidebar"),
    _screen("privacy policy", "legal", "privacy policy|privacy|data policy",
            "explains what data is collected and why|gives users control over their data",
            "text:readable sections with headings;accordion:collapsible sections;toggle:consent toggles;"
            "link:a contact link for the privacy officer",
            "Accept All|Manage Choices|Got It", "scroll|sidebar"),
    # --- errors and empty states
    _screen("404 error", "error", "404|page not found|404 error",
            "tells visitors the page does not exist|guides lost users back home",
            "illustration:a playful lost-astronaut illustration;text:a big '404' numeral;text:a short apology;"
            "search bar:a search bar",
            "Go Home|Go Back|Search", "centered|single column"),
    _screen("500 error", "error", "500 error|server error|something went wrong",
            "apologises for a server failure|asks users to try again shortly",
            "illustration:a broken-robot illustration;text:an error code;text:a friendly explanation;link:a status-page link",
            "Try Again|Report Issue|Go Home", "centered|single column"),
    _screen("offline", "error", "offline|no connection|no internet",
            "explains that the device lost its connection|offers cached content while offline",
            "illustration:a cloud with a slash;text:a short message;list:saved items available offline",
            "Retry|Open Downloads|Settings", "centered|single column"),
    _screen("empty state", "error", "empty state|nothing here|no results",
            "fills an empty list with a friendly message|nudges users to add their first item",
            "illustration:a simple empty-box illustration;text:a helpful headline;text:one line of guidance",
            "Create First Item|Import|Learn More", "centered"),
    _screen("maintenance", "error", "maintenance|under maintenance|scheduled downtime",
            "announces planned downtime|tells users when the service will be back",
            "illustration:a wrench-and-gear illustration;timer:a countdown to the end of maintenance;"
            "text:a status message;link:social links for updates",
            "Notify Me|Check Status", "centered"),
    # --- listings and misc
    _screen("job listings", "listings", "job board|job listings|careers",
            "lists open positions with salary and location|helps candidates find a job",
            "card:job cards with company logos;chips:filter chips for remote and full-time;badge:salary badges;"
            "search bar:a search bar",
            "Apply Now|Save Job|Filter", "list|cards"),
    _screen("real estate", "listings", "real estate|property listing|apartments",
            "shows homes for rent or sale with photos|compares properties by price and size",
            "card:property cards with large photos;map:a map toggle;chips:bedroom and price chips;icon:favourite hearts",
            "Schedule Visit|Contact Agent|Save", "cards|split view|grid"),
    _screen("reviews", "listings", "reviews|ratings|customer reviews",
            "shows what customers say with star breakdowns|builds trust before buying",
            "rating:an average rating with a bar breakdown;list:review cards with avatars;chips:sort chips;"
            "image:photo thumbnails",
            "Write a Review|Helpful|Sort", "list|scroll"),
    _screen("news article", "listings", "article|news article|blog post|reader",
            "presents a long-form article for comfortable reading|keeps readers focused on the text",
            "image:a hero image;text:the headline, byline and reading time;text:pull quotes;"
            "icon:bookmark and share icons",
            "Bookmark|Share|Read Next", "scroll|single column"),
)


THEMES: tuple[Theme, ...] = (
    Theme("dark", ("Dark", "Dark theme", "Dark mode"), ("night mode", "dark-mode", "low light"),
          ("moody", "focused", "sleek"),
          (Colour("charcoal", "#1E1E24"), Colour("midnight navy", "#0F172A"), Colour("jet black", "#0B0B0F")),
          (Colour("electric blue", "#3B82F6"), Colour("amber", "#F59E0B"), Colour("violet", "#8B5CF6"),
           Colour("orange", "#F97316")),
          ("Inter", "SF Pro Display", "Roboto"), ("12px", "16px"), ("soft glows instead of shadows",)),
    Theme("light", ("Light", "Light theme", "Clean light"), ("bright", "white background", "daylight"),
          ("airy", "clean", "friendly"),
          (Colour("white", "#FFFFFF"), Colour("off-white", "#F8F9FB"), Colour("cloud grey", "#F1F3F5")),
          (Colour("royal blue", "#2563EB"), Colour("green", "#22C55E"), Colour("coral", "#FF6F61"),
           Colour("indigo", "#4F46E5")),
          ("Inter", "Roboto", "Open Sans"), ("8px", "12px"), ("light drop shadows", "hairline borders")),
    Theme("minimal", ("Minimal", "Minimalist", "Simple"), ("clean and simple", "no-frills", "bare"),
          ("calm", "quiet", "uncluttered"),
          (Colour("white", "#FFFFFF"), Colour("warm white", "#FAF9F6"), Colour("light grey", "#EEEEEE")),
          (Colour("black", "#111111"), Colour("slate grey", "#64748B"), Colour("muted blue", "#5B7DB1")),
          ("Helvetica Neue", "Inter", "Manrope"), ("4px", "0px"), ("no shadows", "thin dividers")),
    Theme("pastel", ("Pastel", "Soft pastel", "Pastel colour"), ("soft colours", "candy-coloured", "light pastel tones"),
          ("gentle", "sweet", "soothing"),
          (Colour("cream", "#FFF8EE"), Colour("blush pink", "#FDE2E4"), Colour("pale lavender", "#EDE7F6")),
          (Colour("mint green", "#A8E6CF"), Colour("peach", "#FFB997"), Colour("baby blue", "#A0C4FF"),
           Colour("lilac", "#CDB4DB")),
          ("Nunito", "Quicksand", "Poppins"), ("20px", "24px"), ("very soft shadows",)),
    Theme("neumorphic", ("Neumorphic", "Neumorphism", "Soft UI"), ("pillowy", "extruded plastic look", "embossed"),
          ("tactile", "soft", "calm"),
          (Colour("light grey", "#E0E5EC"), Colour("soft silver", "#E6E9EF")),
          (Colour("periwinkle", "#6C7BD9"), Colour("teal", "#14B8A6"), Colour("soft orange", "#F4A261")),
          ("Poppins", "Nunito", "Montserrat"), ("18px", "24px"),
          ("paired light and dark shadows that make elements look pressed out of the surface",)),
    Theme("glassmorphism", ("Glassmorphism", "Glass", "Frosted glass"), ("frosted", "translucent glass", "glassy blur"),
          ("dreamy", "modern", "layered"),
          (Colour("deep purple gradient", "#2E1065"), Colour("blue-to-pink gradient", "#4F46E5"),
           Colour("dark teal gradient", "#134E4A")),
          (Colour("white", "#FFFFFF"), Colour("aqua", "#22D3EE"), Colour("pink", "#F472B6"),
           Colour("lime", "#A3E635")),
          ("SF Pro Display", "Inter", "Outfit"), ("20px", "28px"),
          ("background blur with thin white borders on translucent panels",)),
    Theme("retro", ("Retro", "Vintage", "80s retro"), ("old-school", "throwback", "eighties"),
          ("nostalgic", "fun", "warm"),
          (Colour("cream", "#F4EBD0"), Colour("mustard", "#E1AD01"), Colour("deep brown", "#3E2723")),
          (Colour("burnt orange", "#CC5500"), Colour("teal", "#008080"), Colour("brick red", "#B22222"),
           Colour("olive", "#808000")),
          ("Cooper Black", "VT323", "Press Start 2P"), ("0px", "6px"), ("hard offset shadows",)),
    Theme("corporate", ("Corporate", "Professional", "Business"), ("enterprise", "businesslike", "formal"),
          ("trustworthy", "serious", "efficient"),
          (Colour("white", "#FFFFFF"), Colour("light grey", "#F3F4F6"), Colour("navy", "#1E3A5F")),
          (Colour("navy blue", "#1E40AF"), Colour("steel blue", "#4682B4"), Colour("emerald", "#10B981")),
          ("IBM Plex Sans", "Roboto", "Source Sans Pro"), ("4px", "8px"), ("subtle shadows",)),
    Theme("playful", ("Playful", "Colorful", "Fun"), ("vibrant", "cheerful", "bright and bold"),
          ("joyful", "energetic", "cheeky"),
          (Colour("sunny yellow", "#FFE066"), Colour("white", "#FFFFFF"), Colour("light sky blue", "#D6F0FF")),
          (Colour("hot pink", "#FF4F9A"), Colour("purple", "#7C3AED"), Colour("tangerine", "#FF8C42"),
           Colour("turquoise", "#2EC4B6")),
          ("Fredoka", "Baloo 2", "Nunito"), ("24px", "999px"), ("chunky shadows",)),
    Theme("earthy", ("Earthy", "Natural", "Organic"), ("earth-toned", "nature-inspired", "warm natural"),
          ("grounded", "warm", "organic"),
          (Colour("sand", "#E9DCC9"), Colour("linen", "#FAF0E6"), Colour("oat beige", "#DDD0B8")),
          (Colour("terracotta", "#E2725B"), Colour("sage green", "#9CAF88"), Colour("olive", "#6B8E23"),
           Colour("clay brown", "#8B5E3C")),
          ("Lora", "DM Serif Display", "Karla"), ("10px", "14px"), ("soft warm shadows",)),
    Theme("neon", ("Neon", "Neon glow", "Cyber neon"), ("glowing", "synthwave", "electric"),
          ("electric", "bold", "nocturnal"),
          (Colour("black", "#000000"), Colour("deep indigo", "#1A1033"), Colour("midnight", "#0D0221")),
          (Colour("neon pink", "#FF2E97"), Colour("cyan", "#00F0FF"), Colour("acid green", "#B0FF00"),
           Colour("electric purple", "#BF00FF")),
          ("Orbitron", "Rajdhani", "Space Grotesk"), ("8px", "0px"), ("coloured outer glows",)),
    Theme("monochrome", ("Monochrome", "Black and white", "Grayscale"), ("black & white", "greyscale", "colourless"),
          ("stark", "elegant", "editorial"),
          (Colour("white", "#FFFFFF"), Colour("black", "#000000"), Colour("graphite", "#2B2B2B")),
          (Colour("black", "#000000"), Colour("mid grey", "#808080"), Colour("white", "#FFFFFF")),
          ("Helvetica", "Space Mono", "Inter"), ("0px", "2px"), ("no shadows, only strokes",)),
    Theme("material", ("Material", "Material Design", "Material You"), ("android style", "google style", "material 3"),
          ("familiar", "tidy", "friendly"),
          (Colour("white", "#FFFFFF"), Colour("light lilac", "#F3EDF7"), Colour("pale green", "#EEF6EE")),
          (Colour("deep purple", "#6750A4"), Colour("teal", "#009688"), Colour("pink", "#E91E63"),
           Colour("amber", "#FFC107")),
          ("Roboto", "Google Sans"), ("12px", "16px"), ("elevation shadows",)),
    Theme("brutalist", ("Brutalist", "Brutal", "Neo-brutalist"), ("raw", "neo brutalism", "harsh"),
          ("raw", "loud", "confident"),
          (Colour("bright yellow", "#FFEB3B"), Colour("white", "#FFFFFF"), Colour("pale pink", "#FFD6E0")),
          (Colour("black", "#000000"), Colour("red", "#FF0000"), Colour("blue", "#0000FF")),
          ("Archivo Black", "Space Grotesk", "Courier New"), ("0px",), ("thick black borders and hard shadows",)),
    Theme("luxury", ("Luxury", "Premium", "Elegant"), ("high-end", "upscale", "classy"),
          ("refined", "exclusive", "elegant"),
          (Colour("black", "#0A0A0A"), Colour("deep green", "#0B3D2E"), Colour("ivory", "#FFFFF0")),
          (Colour("gold", "#D4AF37"), Colour("champagne", "#F7E7CE"), Colour("burgundy", "#800020")),
          ("Playfair Display", "Cormorant", "Didot"), ("2px", "6px"), ("barely visible shadows",)),
    Theme("cyberpunk", ("Cyberpunk", "Futuristic", "Sci-fi"), ("futuristic hud", "sci fi", "techno"),
          ("gritty", "futuristic", "intense"),
          (Colour("near black", "#0A0A12"), Colour("dark steel", "#1C1F26")),
          (Colour("yellow", "#FCEE0A"), Colour("magenta", "#FF00A0"), Colour("cyan", "#00FFF0")),
          ("Rajdhani", "Orbitron", "JetBrains Mono"), ("0px", "4px"), ("scanline overlays",)),
    Theme("ocean", ("Ocean", "Ocean blue", "Aqua"), ("sea-blue", "marine", "beachy"),
          ("fresh", "calm", "breezy"),
          (Colour("pale aqua", "#E0F7FA"), Colour("deep sea blue", "#023E8A"), Colour("white", "#FFFFFF")),
          (Colour("turquoise", "#40E0D0"), Colour("ocean blue", "#0077B6"), Colour("sand yellow", "#F2D388")),
          ("Poppins", "Nunito Sans"), ("16px", "20px"), ("soft blue-tinted shadows",)),
    Theme("sunset", ("Sunset", "Warm gradient", "Sunset gradient"), ("golden hour", "orange-pink gradient", "warm glow"),
          ("warm", "optimistic", "vivid"),
          (Colour("orange-to-pink gradient", "#FF7E5F"), Colour("warm peach", "#FFE5D9"), Colour("plum", "#3D1A3A")),
          (Colour("coral", "#FF6B6B"), Colour("golden yellow", "#FFC857"), Colour("magenta", "#D7263D")),
          ("Poppins", "Montserrat"), ("16px", "24px"), ("warm coloured shadows",)),
    Theme("high contrast", ("High contrast", "Accessible", "High-contrast"), ("easy-to-read", "a11y friendly", "bold contrast"),
          ("clear", "legible", "direct"),
          (Colour("black", "#000000"), Colour("white", "#FFFFFF")),
          (Colour("yellow", "#FFFF00"), Colour("cyan", "#00FFFF"), Colour("white", "#FFFFFF"),
           Colour("black", "#000000")),
          ("Atkinson Hyperlegible", "Verdana", "Arial"), ("4px", "8px"), ("thick focus outlines instead of shadows",)),
    Theme("flat", ("Flat", "Flat design", "Flat UI"), ("flat colours", "shadowless", "two-dimensional"),
          ("simple", "bright", "direct"),
          (Colour("white", "#FFFFFF"), Colour("light blue grey", "#ECF0F1")),
          (Colour("emerald", "#2ECC71"), Colour("peter river blue", "#3498DB"), Colour("alizarin red", "#E74C3C"),
           Colour("sunflower yellow", "#F1C40F")),
          ("Lato", "Open Sans"), ("4px", "6px"), ("no shadows at all",)),
    Theme("skeuomorphic", ("Skeuomorphic", "Realistic", "Textured"), ("real-world textures", "lifelike", "tactile textures"),
          ("tactile", "cosy", "familiar"),
          (Colour("leather brown", "#5C4033"), Colour("paper beige", "#F5F0E1"), Colour("brushed steel", "#B0B7BC")),
          (Colour("brass", "#B5A642"), Colour("forest green", "#228B22"), Colour("red", "#C0392B")),
          ("Georgia", "Baskerville"), ("8px", "12px"), ("deep realistic shadows and bevels",)),
    Theme("scandinavian", ("Scandinavian", "Nordic", "Scandi"), ("nordic style", "hygge", "scandi calm"),
          ("cosy", "light", "balanced"),
          (Colour("warm white", "#FBFAF7"), Colour("birch beige", "#EFE6DA"), Colour("fog grey", "#D9DCD6")),
          (Colour("dusty blue", "#6B8FA3"), Colour("muted rose", "#C9A9A6"), Colour("pine green", "#3F5E4B")),
          ("Karla", "DM Sans", "Work Sans"), ("8px", "12px"), ("soft low shadows",)),
    Theme("kids", ("Kids", "Childish", "Cartoon"), ("kid-friendly", "cartoonish", "child-friendly"),
          ("happy", "silly", "warm"),
          (Colour("sky blue", "#87CEEB"), Colour("lemon yellow", "#FFF44F"), Colour("white", "#FFFFFF")),
          (Colour("grass green", "#7CFC00"), Colour("bright red", "#FF3B30"), Colour("orange", "#FF9500"),
           Colour("purple", "#AF52DE")),
          ("Baloo 2", "Comic Neue", "Fredoka"), ("28px", "999px"), ("bouncy shadows",)),
    Theme("gradient", ("Gradient", "Vibrant gradient", "Bold gradient"), ("colour-fade", "gradient-heavy", "aurora"),
          ("lively", "modern", "dynamic"),
          (Colour("purple-to-blue gradient", "#7F00FF"), Colour("teal-to-lime gradient", "#00C9A7"),
           Colour("white", "#FFFFFF")),
          (Colour("white", "#FFFFFF"), Colour("hot pink", "#FF3CAC"), Colour("sky blue", "#2B86C5")),
          ("Outfit", "Poppins", "Sora"), ("16px", "24px"), ("coloured gradient shadows",)),
)

PLATFORMS: tuple[str, ...] = ("mobile", "web", "tablet", "desktop")

# Platform nouns and the navigation pattern a designer would expect on it.
PLATFORM_WORDS: dict[str, tuple[str, ...]] = {
    "mobile": ("mobile", "iOS", "Android", "phone"),
    "web": ("web", "website", "browser", "responsive web"),
    "tablet": ("tablet", "iPad"),
    "desktop": ("desktop", "macOS", "Windows"),
}
PLATFORM_NAV: dict[str, tuple[tuple[str, str], ...]] = {
    "mobile": (("bottom navigation", "a bottom navigation bar with {n} icons"),
               ("tab bar", "a tab bar with {n} labelled icons"),
               ("fab", "a floating action button in the bottom-right corner")),
    "web": (("navbar", "a top navigation bar with {n} links"),
            ("sidebar", "a left sidebar with {n} menu items"),
            ("footer", "a compact footer with links")),
    "tablet": (("sidebar", "a collapsible side rail with {n} icons"),
               ("tab bar", "a bottom tab bar with {n} tabs")),
    "desktop": (("sidebar", "a fixed sidebar with {n} sections"),
                ("toolbar", "a toolbar with {n} icon buttons")),
}

LAYOUT_PHRASES: dict[str, tuple[str, ...]] = {
    "list": ("a vertical list of rows", "a single list with dividers", "a scrolling list"),
    "cards": ("stacked cards", "a column of rounded cards", "cards with generous padding"),
    "grid": ("a two-column grid", "a three-column grid of tiles", "a responsive grid"),
    "scroll": ("one long scrolling page", "a vertically scrolling feed", "a scrollable column of sections"),
    "tabs": ("tabs across the top", "segmented tabs under the header", "a tabbed layout"),
    "carousel": ("horizontally scrolling carousels", "a swipeable carousel", "paged slides"),
    "masonry": ("a masonry grid", "a staggered Pinterest-like grid"),
    "split view": ("a split view with a list on the left and details on the right", "a two-pane layout"),
    "sidebar": ("a sidebar plus content area", "a left navigation column with a wide content pane"),
    "single column": ("a single centered column", "one narrow column", "a simple single-column stack"),
    "centered": ("everything centered on the screen", "a centered composition with lots of whitespace"),
    "centered form": ("a centered form card", "a compact form in the middle of the screen"),
    "full-bleed": ("a full-bleed image with overlaid content", "an edge-to-edge visual"),
    "stepper": ("a multi-step flow with a progress stepper", "numbered steps"),
    "table": ("a dense data table", "a table with sticky headers"),
    "columns": ("side-by-side columns", "three equal columns"),
}

# Synonyms so that no single template word identifies a design's sentence structure.
BUTTON_WORDS: tuple[str, ...] = ("button", "CTA", "call-to-action", "pill button", "primary button")
HEADER_WORDS: tuple[str, ...] = ("app bar", "top bar", "header", "navigation bar", "title bar")
SCREEN_WORDS: tuple[str, ...] = ("screen", "page", "view", "UI", "interface")
TITLE_SUFFIXES: tuple[str, ...] = ("screen", "page", "UI", "design", "app", "view", "template", "concept")
QUERY_SUFFIXES: tuple[str, ...] = ("page", "screen", "ui", "layout", "mockup", "interface", "")

SPACING: tuple[str, ...] = ("8px", "12px", "16px", "24px", "32px")
WEIGHTS: tuple[str, ...] = ("bold", "semibold", "medium", "extra-bold", "light")

# App contexts per screen group keep "for a ..." phrases plausible for the screen.
APPS: dict[str, tuple[str, ...]] = {
    "auth": ("a banking app", "a meditation app", "a food delivery app", "a fitness app", "a travel app",
             "a SaaS dashboard", "a dating app", "a learning platform"),
    "onboarding": ("a meditation app", "a budgeting app", "a language-learning app", "a plant-care app",
                   "a running app", "a recipe app"),
    "dashboard": ("a SaaS startup", "a bank", "an e-commerce store", "a logistics company", "a marketing agency",
                  "a smart thermostat"),
    "commerce": ("a fashion store", "a grocery app", "an electronics shop", "a sneaker brand", "a bakery",
                 "a furniture store", "a bookshop"),
    "social": ("a social network", "a dating app", "a community forum", "a gaming platform", "a team workspace"),
    "media": ("a music streaming app", "a podcast app", "a video platform", "a photo-sharing app"),
    "travel": ("a travel agency", "an airline", "a city guide", "a ticketing app", "a ride-sharing service"),
    "productivity": ("a productivity suite", "a student planner", "a remote team", "a writing app"),
    "health": ("a wellness app", "a gym", "a nutrition coach", "a yoga studio", "a telehealth service"),
    "finance": ("a neobank", "a crypto exchange", "a budgeting app", "an investment platform"),
    "education": ("a language-learning app", "an online school", "a coding bootcamp", "a trivia game"),
    "settings": ("a streaming service", "a messaging app", "a SaaS product", "a fitness app"),
    "support": ("an internet provider", "an online store", "a SaaS product", "a bank", "an airline"),
    "legal": ("a fintech startup", "a social network", "a health app", "an online store"),
    "error": ("a news site", "an online store", "a SaaS product", "a portfolio website", "a banking app"),
    "listings": ("a job board", "a property portal", "a news publisher", "a review site"),
}
