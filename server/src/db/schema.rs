// The tables as diesel sees them; must match both migration trees
// (tests/tests/schema.rs checks every column exists on both backends).

diesel::table! {
    services (id) {
        id -> Text,
        name -> Text,
        created_at -> Timestamp,
        require_totp -> Bool,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        service_id -> Text,
        role -> Text,
        email -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        display_name -> Text,
        age_band -> Nullable<Text>,
        created_at -> Timestamp,
        disabled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    assignments (id) {
        id -> Text,
        worker_id -> Text,
        young_person_id -> Text,
        started_at -> Timestamp,
        ended_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    invites (id) {
        id -> Text,
        code_hash -> Text,
        service_id -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        used_by -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        user_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        rotated_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    consent_events (id) {
        id -> Text,
        young_person_id -> Text,
        scope -> Text,
        granted -> Bool,
        include_past -> Bool,
        wording_version -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    check_ins (young_person_id, id) {
        young_person_id -> Text,
        id -> Text,
        recorded_at -> Timestamp,
        utc_offset_minutes -> Integer,
        mood -> Integer,
        feelings -> Nullable<Text>,
        note -> Nullable<Text>,
        received_at -> Timestamp,
        contexts -> Nullable<Text>,
        sleep -> Nullable<Text>,
    }
}

diesel::table! {
    shared_records (young_person_id, kind, id) {
        young_person_id -> Text,
        kind -> Text,
        id -> Text,
        recorded_at -> Nullable<Timestamp>,
        payload -> Text,
        received_at -> Timestamp,
    }
}

diesel::table! {
    record_tombstones (young_person_id, kind, id) {
        young_person_id -> Text,
        kind -> Text,
        id -> Text,
        deleted_at -> Timestamp,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        service_id -> Text,
        actor_id -> Nullable<Text>,
        action -> Text,
        subject_id -> Nullable<Text>,
        outcome -> Text,
        detail -> Nullable<Text>,
        created_at -> Timestamp,
        request_id -> Nullable<Text>,
    }
}

diesel::table! {
    signing_keys (kid) {
        kid -> Text,
        private_key -> Text,
        public_key -> Text,
        created_at -> Timestamp,
        retired_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    alerts (id) {
        id -> Text,
        service_id -> Text,
        young_person_id -> Text,
        disclosure_id -> Text,
        summary -> Text,
        disclosed_at -> Timestamp,
        created_at -> Timestamp,
        acknowledged_at -> Nullable<Timestamp>,
        acknowledged_by -> Nullable<Text>,
        acknowledgement_note -> Nullable<Text>,
        escalated_at -> Nullable<Timestamp>,
        escalated_to -> Nullable<Text>,
    }
}

diesel::table! {
    service_settings (service_id) {
        service_id -> Text,
        duty_contact_id -> Nullable<Text>,
        alert_escalation_minutes -> Integer,
        retention_months -> Integer,
    }
}

diesel::table! {
    thrive_groupings (id) {
        id -> Text,
        young_person_id -> Text,
        grouping -> Text,
        reason -> Text,
        recorded_by -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    totp_credentials (user_id) {
        user_id -> Text,
        secret -> Text,
        created_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        last_used_step -> Nullable<BigInt>,
    }
}

diesel::table! {
    totp_challenges (id) {
        id -> Text,
        token_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        failed_attempts -> Integer,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    relink_codes (id) {
        id -> Text,
        code_hash -> Text,
        service_id -> Text,
        young_person_id -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        recipient_id -> Text,
        kind -> Text,
        subject_id -> Text,
        title -> Text,
        created_at -> Timestamp,
        visible_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    push_subscriptions (id) {
        id -> Text,
        user_id -> Nullable<Text>,
        endpoint -> Text,
        p256dh -> Text,
        auth -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    push_outbox (id) {
        id -> Text,
        subscription_id -> Text,
        notification_id -> Nullable<Text>,
        kind -> Text,
        payload -> Text,
        ttl_seconds -> Integer,
        urgency -> Text,
        topic -> Nullable<Text>,
        due_at -> Timestamp,
        expires_at -> Timestamp,
        attempts -> Integer,
        claimed_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    vapid_keys (id) {
        id -> Text,
        private_key -> Text,
        public_key -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notification_settings (user_id) {
        user_id -> Text,
        time_zone -> Text,
        quiet_start -> Nullable<Text>,
        quiet_end -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    reminders (id) {
        id -> Text,
        subscription_id -> Text,
        secret_hash -> Text,
        local_time -> Text,
        time_zone -> Text,
        next_due_at -> Timestamp,
    }
}

diesel::joinable!(reminders -> push_subscriptions (subscription_id));

diesel::table! {
    encouragement_templates (id) {
        id -> Text,
        service_id -> Text,
        seed_key -> Nullable<Text>,
        position -> Integer,
        text -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        retired_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    encouragements (id) {
        id -> Text,
        service_id -> Text,
        worker_id -> Text,
        young_person_id -> Text,
        template_id -> Nullable<Text>,
        text -> Text,
        created_at -> Timestamp,
        deliver_at -> Timestamp,
        reply -> Nullable<Text>,
        replied_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    parent_link_codes (id) {
        id -> Text,
        code_hash -> Text,
        service_id -> Text,
        young_person_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        used_by -> Nullable<Text>,
    }
}

diesel::table! {
    parent_links (id) {
        id -> Text,
        parent_id -> Text,
        young_person_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    parent_tip_preferences (parent_id) {
        parent_id -> Text,
        topics -> Text,
        weekday -> Text,
        local_time -> Text,
        frequency -> Text,
        next_due_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    parent_nudges (id) {
        id -> Text,
        young_person_id -> Text,
        message -> Nullable<Text>,
        topic -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    parent_tip_deliveries (id) {
        id -> Text,
        parent_id -> Text,
        tip_id -> Text,
        source -> Text,
        sent_by -> Nullable<Text>,
        nudge_id -> Nullable<Text>,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    outcome_records (id) {
        id -> Text,
        young_person_id -> Text,
        term -> Text,
        attendance_tenths -> Integer,
        fixed_term_exclusions -> Integer,
        fixed_term_exclusion_day_tenths -> Integer,
        permanent_exclusion -> Bool,
        part_time_timetable -> Bool,
        recorded_by -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    directory_services (id) {
        id -> Text,
        service_id -> Nullable<Text>,
        name -> Text,
        description -> Text,
        needs -> Text,
        thrive -> Text,
        min_age -> Integer,
        max_age -> Integer,
        area -> Text,
        phone -> Nullable<Text>,
        text_number -> Nullable<Text>,
        text_keyword -> Nullable<Text>,
        website -> Nullable<Text>,
        self_referral -> Bool,
        hours -> Text,
        source -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    signposts (id) {
        id -> Text,
        service_id -> Text,
        worker_id -> Text,
        young_person_id -> Text,
        directory_service_id -> Text,
        service_name -> Text,
        note -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    support_groups (id) {
        id -> Text,
        service_id -> Text,
        name -> Text,
        school -> Nullable<Text>,
        worker_id -> Text,
        starts_on -> Text,
        weeks -> Integer,
        created_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    group_members (group_id, young_person_id) {
        group_id -> Text,
        young_person_id -> Text,
        joined_at -> Timestamp,
        left_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    group_sessions (id) {
        id -> Text,
        group_id -> Text,
        number -> Integer,
        held_on -> Text,
        topic -> Nullable<Text>,
    }
}

diesel::table! {
    group_attendance (session_id, young_person_id) {
        session_id -> Text,
        young_person_id -> Text,
        present -> Bool,
        recorded_by -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    services,
    users,
    assignments,
    invites,
    refresh_tokens,
    consent_events,
    check_ins,
    shared_records,
    record_tombstones,
    audit_events,
    signing_keys,
    alerts,
    service_settings,
    thrive_groupings,
    totp_credentials,
    totp_challenges,
    relink_codes,
    notifications,
    push_subscriptions,
    push_outbox,
    notification_settings,
    reminders,
    encouragement_templates,
    encouragements,
    parent_link_codes,
    parent_links,
    parent_tip_preferences,
    parent_nudges,
    parent_tip_deliveries,
    vapid_keys,
    outcome_records,
    directory_services,
    signposts,
    support_groups,
    group_members,
    group_sessions,
    group_attendance,
);
