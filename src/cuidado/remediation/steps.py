"""Per-platform cleanup steps in plain language, marked for the gettext catalogs (translated where shown).

'where' says how to reach an item in the app when there is no link; 'delete' and 'remove_location'
are the steps for one post; 'by_kind' gives 'where' and 'delete' for items that are not posts
(message, comment, media, search, login, like, watch, location), since a message is not deleted like
a post; 'settings' are account settings worth changing; 'interests' and 'off_platform' undo what the
platform tracked (its ad interests; activity other businesses reported). {date}, {text}, {thread}
are filled in. Edit freely; the Spanish is in locales/es/LC_MESSAGES/cuidado.po.
"""

from __future__ import annotations

from cuidado.locales import N_

STEPS = {
    "facebook": {
        "interests": N_(
            "Remove the ad interests it gave you: Settings & privacy → Settings → Accounts Center → Ad preferences → Ad topics → See all, and remove each interest listed here; then in Ad preferences → Manage info, turn off “Activity information from ad partners”."
        ),
        "off_platform": N_(
            "Clear what other businesses reported: Settings & privacy → Settings → Accounts Center → Your information and permissions → Your activity off Meta technologies → Clear previous activity; then Manage future activity → Disconnect future activity, so businesses stop reporting what you do on their sites and apps."
        ),
        "where": N_(
            "Facebook → your profile → ⋯ → Activity log → Your posts (filter by date {date}), the post starting “{text}”"
        ),
        "delete": N_(
            "Open the post, tap ⋯ → Move to trash (or Delete). Check the photo is also gone from your albums."
        ),
        "remove_location": N_("Open the post, tap ⋯ → Edit post → remove the check-in / location → Save."),
        "settings": [
            N_(
                "Limit who can see your past posts: Settings & privacy → Settings → Audience and visibility → Posts → Limit past posts."
            ),
            N_(
                "Hide your friends list: Settings → Audience and visibility → How people find and contact you → Who can see your friends list? → Only me."
            ),
            N_(
                "Turn off Location Services for the Facebook app in your phone's settings, and Location History in Facebook."
            ),
            N_(
                "Turn off face recognition and contact upload: Settings → Face recognition → No; Settings → Upload contacts → Off."
            ),
        ],
        "by_kind": {
            "message": {
                "where": N_("Messenger → the chat “{thread}” → the message of {date} starting “{text}”"),
                "delete": N_(
                    "Press and hold the message (or ⋯ beside it) → Remove → Unsend, which takes it out of the chat for everyone. “Remove for you” and deleting the whole chat (⋯ → Delete chat) delete only your copy: the other person keeps theirs, so ask them to delete it too. What they already read may have been saved or screenshotted."
                ),
            },
            "comment": {
                "where": N_(
                    "Facebook → your profile → ⋯ → Activity log → Comments (filter by date {date}), the one starting “{text}”"
                ),
                "delete": N_("Tap ⋯ next to the comment → Delete."),
            },
            "media": {
                "where": N_("Facebook → your profile → Photos → Your photos and Albums ({date}), the photo “{text}”"),
                "delete": N_("Open the photo, tap ⋯ → Delete photo. Check it is gone from every album and post."),
            },
            "search": {
                "where": N_("Facebook → your profile → ⋯ → Activity log → Search history ({date}): “{text}”"),
                "delete": N_(
                    "Activity log → Search history → ⋯ next to the search → Delete (or Clear searches for all of them)."
                ),
            },
            "login": {
                "where": N_("Facebook → Settings → Accounts Center → Password and security → Where you're logged in"),
                "delete": N_(
                    "A login record cannot be deleted: Facebook keeps where you logged in from. Log out every session you do not recognise and change your password if one is not yours."
                ),
            },
            "like": {
                "where": N_("Facebook → your profile → ⋯ → Activity log → Likes and reactions ({date})"),
                "delete": N_("Tap ⋯ next to it → Unlike (or Remove reaction)."),
            },
            "location": {
                "where": N_("Facebook → Settings → Location → Location history"),
                "delete": N_("Location history → ⋯ → Delete all location history, then turn Location history off."),
            },
        },
    },
    "instagram": {
        "interests": N_(
            "Remove the ad interests it gave you: Settings and activity → Accounts Center → Ad preferences → Ad topics → See all, and remove each interest listed here; also Settings and activity → Suggested content → Not interested, for topics you do not want shown."
        ),
        "off_platform": N_(
            "Clear what other businesses reported: Settings and activity → Accounts Center → Your information and permissions → Your activity off Meta technologies → Clear previous activity; then Manage future activity → Disconnect future activity."
        ),
        "where": N_(
            "Instagram → your profile → ☰ → Your activity → Photos and videos (sort by date, {date}), the post starting “{text}”"
        ),
        "delete": N_("Open the post, tap ⋯ → Delete (or Archive to hide it from everyone but you)."),
        "remove_location": N_("Open the post, tap ⋯ → Edit → tap the location → Remove location → Done."),
        "settings": [
            N_("Make your account private: Settings → Account privacy → Private account."),
            N_("Turn off location access for Instagram in your phone's settings so new posts carry no location."),
            N_(
                "Stop contact syncing: Settings → Accounts Center → Your information and permissions → Upload contacts → Off."
            ),
        ],
        "by_kind": {
            "message": {
                "where": N_("Instagram → Messages → the chat “{thread}” → the message of {date} starting “{text}”"),
                "delete": N_(
                    "Press and hold the message → Unsend, which takes it out of the chat for everyone. Deleting the whole chat (swipe left → Delete) deletes only your copy: the other person keeps theirs, so ask them to delete it too. What they already read may have been saved or screenshotted."
                ),
            },
            "comment": {
                "where": N_(
                    "Instagram → your profile → ☰ → Your activity → Comments ({date}), the one starting “{text}”"
                ),
                "delete": N_("Select the comment → Delete."),
            },
            "media": {
                "where": N_("Instagram → your profile → the post or story of {date} (stories: ☰ → Archive)"),
                "delete": N_("Open it, tap ⋯ → Delete."),
            },
            "search": {
                "where": N_("Instagram → ☰ → Your activity → Recent searches"),
                "delete": N_("Tap × next to the search, or Clear all."),
            },
            "login": {
                "where": N_("Instagram → Settings → Accounts Center → Password and security → Where you're logged in"),
                "delete": N_(
                    "A login record cannot be deleted: Instagram keeps where you logged in from. Log out every session you do not recognise."
                ),
            },
            "like": {
                "where": N_("Instagram → ☰ → Your activity → Likes"),
                "delete": N_("Select the post → Unlike."),
            },
        },
    },
    "x": {
        "where": N_("X → search “from:your_handle” with words from “{text}” ({date})"),
        "delete": N_("Open the post, tap ⋯ → Delete."),
        "remove_location": N_("X cannot remove a location from an old post: delete the post."),
        "settings": [
            N_("Protect your posts: Settings → Privacy and safety → Audience and tagging → Protect your posts."),
            N_(
                "Remove location from all your posts: Settings → Privacy and safety → Location information → Delete all location information."
            ),
            N_(
                "Stop others finding you by phone or email: Settings → Privacy and safety → Discoverability and contacts → turn both off, and Manage contacts → Remove all contacts."
            ),
        ],
        "by_kind": {
            "message": {
                "where": N_("X → Messages → the conversation “{thread}” → the message of {date} starting “{text}”"),
                "delete": N_(
                    "Press and hold the message (or ⋯ beside it) → Delete for you. X removes it only from your side, and so does ⋯ → Delete conversation. The other person keeps their copy: ask them to delete it too."
                ),
            },
            "search": {
                "where": N_("X → Search → Recent"),
                "delete": N_("Tap × next to the search, or Clear all."),
            },
            "login": {
                "where": N_("X → Settings → Security and account access → Apps and sessions → Sessions"),
                "delete": N_(
                    "A login record cannot be deleted: X keeps where you logged in from. Log out every session you do not recognise."
                ),
            },
            "like": {
                "where": N_("X → your profile → Likes ({date})"),
                "delete": N_("Open the post and tap the heart again to unlike it."),
            },
        },
    },
    "tiktok": {
        "interests": N_(
            "Remove the ad interests it gave you: Profile → ☰ → Settings and privacy → Ads → Ad interests (or “Ad topics”), and remove each one listed here; then turn off “Personalized ads” there."
        ),
        "off_platform": N_(
            "Clear what advertisers reported: Profile → ☰ → Settings and privacy → Ads → Activity from ad partners (or “Your ads data”) → Disconnect and clear the data they shared, and turn off using activity from ad partners for ads."
        ),
        "where": N_("TikTok → Profile → your videos ({date}), the one starting “{text}”"),
        "delete": N_("Open the video, tap ⋯ → Delete (or Privacy settings → Only me)."),
        "remove_location": N_(
            "Open the video, tap ⋯ → Privacy settings → Only me, or delete it (the location cannot be edited)."
        ),
        "settings": [
            N_("Private account: Settings and privacy → Privacy → Private account."),
            N_(
                "Stop suggesting your account to contacts: Privacy → Suggest your account to others → turn all off; Privacy → Sync contacts and Facebook friends → off."
            ),
            N_("Turn off Location Services for TikTok in your phone's settings."),
        ],
        "by_kind": {
            "message": {
                "where": N_("TikTok → Inbox → the chat “{thread}” → the message of {date} starting “{text}”"),
                "delete": N_(
                    "Press and hold the message → Delete. TikTok removes it only from your side. The other person keeps their copy: ask them to delete it too."
                ),
            },
            "comment": {
                "where": N_("TikTok → the video you commented on ({date}), your comment starting “{text}”"),
                "delete": N_("Press and hold your comment → Delete."),
            },
            "search": {
                "where": N_("TikTok → Search"),
                "delete": N_("Tap × next to the search, or Clear all."),
            },
            "login": {
                "where": N_("TikTok → Profile → ☰ → Settings and privacy → Security → Manage devices"),
                "delete": N_(
                    "A login record cannot be deleted: TikTok keeps where you logged in from. Remove every device you do not recognise."
                ),
            },
            "like": {
                "where": N_("TikTok → Profile → the heart tab (Liked videos)"),
                "delete": N_(
                    "Open the video and tap the heart again; or hide them all: Settings and privacy → Privacy → Liked videos → Only me."
                ),
            },
        },
    },
    "youtube": {
        "where": N_(
            "YouTube Studio → Content ({date}), the video “{text}”; comments: youtube.com → History → Comments"
        ),
        "delete": N_("Delete the video or comment (⋮ → Delete), or set the video to Private."),
        "remove_location": N_("YouTube Studio → the video → Details → Show more → Video location → clear it → Save."),
        "settings": [
            N_("Make subscriptions and saved playlists private: youtube.com → Settings → Privacy."),
            N_("Pause and clear watch and search history: myactivity.google.com → YouTube History."),
        ],
        "by_kind": {
            "comment": {
                "where": N_("myactivity.google.com → YouTube History → Comments ({date}), the one starting “{text}”"),
                "delete": N_("⋮ next to the comment → Delete."),
            },
            "search": {
                "where": N_("myactivity.google.com → YouTube History ({date}): “{text}”"),
                "delete": N_("Tap × (Delete) on that search, or pause and clear your YouTube search history."),
            },
            "watch": {
                "where": N_("myactivity.google.com → YouTube History ({date}): “{text}”"),
                "delete": N_("Tap × (Delete) on that item, or pause and clear your watch history."),
            },
        },
    },
    "whatsapp": {
        "where": N_("WhatsApp → the chat “{thread}” → the message of {date} starting “{text}”"),
        "delete": N_(
            "Long-press the message → Delete → Delete for everyone (only possible for about two days after sending; after that, Delete for me removes only your copy — ask the others to delete theirs)."
        ),
        "remove_location": N_(
            "Delete the location message (see above) and stop any live location sharing in that chat."
        ),
        "settings": [
            N_("Hide your profile photo, about and last seen from strangers: Settings → Privacy → My contacts."),
            N_("Who can add you to groups: Settings → Privacy → Groups → My contacts."),
            N_(
                "Turn on disappearing messages for sensitive chats: open the chat → contact name → Disappearing messages."
            ),
        ],
        "by_kind": {
            "media": {
                "where": N_("WhatsApp → the chat “{thread}” → the photo or video of {date} ({text})"),
                "delete": N_(
                    "Long-press the message → Delete → Delete for everyone (only possible for about two days after sending; after that, Delete for me removes only your copy — ask the others to delete theirs)."
                ),
            },
        },
    },
    "files": {
        "where": N_("The photo {text} in your photo folder ({date})"),
        "delete": N_("Do not post this file as it is: share the clean copy made by `cuidado scrub` instead."),
        "remove_location": N_(
            "Make a clean copy without location with `cuidado scrub FILE --out FOLDER` and share only that copy."
        ),
        "settings": [
            N_(
                "Turn off location tagging in your phone's camera settings (iPhone: Settings → Privacy → Location Services → Camera → Never; Android: Camera → Settings → Location tags → off)."
            ),
        ],
    },
}
