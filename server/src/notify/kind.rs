//! What each kind of notification is, and how its push is delivered: how
//! long a push service should keep trying (TTL), how urgent it is, whether
//! a newer one replaces an unseen older one (topic), and whether it waits
//! out the recipient's quiet hours. Titles are fixed and neutral: a lock
//! screen never shows anything sensitive, whoever picks up the phone.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A young person's answer that their worker must see (or the duty
    /// contact, after escalation).
    Alert,
    /// A worker's message to a young person.
    Encouragement,
    /// A young person's one-tap answer to a message.
    Reply,
    /// A coping tip for a parent or carer.
    ParentTip,
    /// "I'm having a hard time — let my parent know."
    ParentNudge,
    /// A daily check-in reminder the young person asked for.
    Reminder,
    /// A worker suggesting a service from the directory to a young person.
    Signpost,
}

/// RFC 8030 Urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    VeryLow,
    Low,
    Normal,
    High,
}

impl Urgency {
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::VeryLow => "very-low",
            Urgency::Low => "low",
            Urgency::Normal => "normal",
            Urgency::High => "high",
        }
    }

    pub fn parse(text: &str) -> Option<Urgency> {
        [
            Urgency::VeryLow,
            Urgency::Low,
            Urgency::Normal,
            Urgency::High,
        ]
        .into_iter()
        .find(|u| u.as_str() == text)
    }
}

const HOUR: i32 = 60 * 60;

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Alert,
        Kind::Encouragement,
        Kind::Reply,
        Kind::ParentTip,
        Kind::ParentNudge,
        Kind::Reminder,
        Kind::Signpost,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Alert => "alert",
            Kind::Encouragement => "encouragement",
            Kind::Reply => "reply",
            Kind::ParentTip => "parent_tip",
            Kind::ParentNudge => "parent_nudge",
            Kind::Reminder => "reminder",
            Kind::Signpost => "signpost",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// What the notification and the inbox line say. Never a name, never
    /// what anyone wrote or answered.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Alert => "Lantern: an alert needs you",
            // A signpost arrives as a message, and says no more on a lock screen.
            Kind::Encouragement | Kind::Signpost => "Lantern: you have a message",
            Kind::Reply => "Lantern: someone replied",
            Kind::ParentTip => "Lantern: a new tip for you",
            Kind::ParentNudge => "Lantern: please check in with your child",
            Kind::Reminder => "Lantern: a gentle reminder",
        }
    }

    /// Seconds a push service keeps trying to reach the device. Past this
    /// the sender gives up too: the inbox still has it.
    pub fn ttl_seconds(self) -> i32 {
        match self {
            Kind::Alert => HOUR,
            Kind::Encouragement | Kind::Signpost | Kind::Reply | Kind::ParentNudge => 24 * HOUR,
            Kind::ParentTip => 72 * HOUR,
            // A reminder hours late is the complaint, not the feature.
            Kind::Reminder => 2 * HOUR,
        }
    }

    pub fn urgency(self) -> Urgency {
        match self {
            Kind::Alert | Kind::ParentNudge => Urgency::High,
            Kind::Encouragement | Kind::Signpost | Kind::Reminder => Urgency::Normal,
            Kind::Reply | Kind::ParentTip => Urgency::Low,
        }
    }

    /// A push service replaces an undelivered push of the same topic, so a
    /// newer tip or reminder takes the place of an unseen older one.
    pub fn topic(self) -> Option<&'static str> {
        match self {
            Kind::ParentTip => Some("parent-tip"),
            Kind::Reminder => Some("check-in-reminder"),
            _ => None,
        }
    }

    /// Whether a push due in the recipient's quiet hours waits until they
    /// end. Alerts never wait. Nor does a young person's own request that
    /// their parent check in: they asked for it now.
    pub fn waits_for_quiet_hours(self) -> bool {
        !matches!(self, Kind::Alert | Kind::ParentNudge)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("chat"), None);
    }

    #[test]
    fn alerts_are_urgent_short_lived_and_never_wait() {
        assert_eq!(Kind::Alert.urgency(), Urgency::High);
        assert_eq!(Kind::Alert.ttl_seconds(), 3600);
        assert!(!Kind::Alert.waits_for_quiet_hours());
    }

    #[test]
    fn tips_are_low_urgency_keep_three_days_and_replace_each_other() {
        assert_eq!(Kind::ParentTip.urgency(), Urgency::Low);
        assert_eq!(Kind::ParentTip.ttl_seconds(), 72 * 3600);
        assert_eq!(Kind::ParentTip.topic(), Some("parent-tip"));
        assert!(Kind::ParentTip.waits_for_quiet_hours());
        assert_eq!(Kind::Encouragement.ttl_seconds(), 24 * 3600);
    }

    #[test]
    fn topics_fit_the_push_protocol() {
        // RFC 8030: at most 32 characters of the base64url alphabet.
        for topic in Kind::ALL.into_iter().filter_map(Kind::topic) {
            assert!(topic.len() <= 32);
            assert!(
                topic
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            );
        }
    }

    #[test]
    fn titles_are_short_and_name_nobody() {
        for kind in Kind::ALL {
            let title = kind.title();
            assert!(title.starts_with("Lantern: "), "{title}");
            assert!(title.len() <= 60, "{title}");
        }
    }
}
