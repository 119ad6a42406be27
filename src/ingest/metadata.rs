//! Platform metadata columns, by heading: which identify people, which are bookkeeping, which
//! hold the respondent id. One list, read by `init` (what to draft) and by `tidy` (which
//! columns of an export are accounted for without a question).

use super::ExportColumn;

/// Metadata columns that identify people, by platform naming.
pub const PII_HEADINGS: &[&str] = &[
    "IP Address",
    "Email Address",
    "First Name",
    "Last Name",
    "Custom Data 1",
    "IPAddress",
    "RecipientLastName",
    "RecipientFirstName",
    "RecipientEmail",
    "ExternalReference",
    "LocationLatitude",
    "LocationLongitude",
    "EmailAddress",
    "Name",
    "Email",
    "ExternalDataReference",
    "deviceid",
    "_submitted_by",
    "phonenumber",
    "simserial",
    "subscriberid",
    "ipaddr",
    "refurl",
    "_geolocation",
];
/// Metadata columns that are neither questions nor PII.
pub const META_HEADINGS: &[&str] = &[
    "Respondent ID",
    "Collector ID",
    "Start Date",
    "End Date",
    "Timestamp",
    "StartDate",
    "EndDate",
    "Status",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "RecordedDate",
    "ResponseId",
    "ResponseID",
    "ResponseSet",
    "DistributionChannel",
    "UserLanguage",
    "Score",
    "LocationAccuracy",
    "start",
    "end",
    "today",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "__version__",
    "_tags",
    "_index",
    "_parent_index",
    "meta/instanceID",
    "instanceID",
    "interviewtime",
    "(index)",
    "record_id",
    "redcap_event_name",
    "redcap_repeat_instrument",
    "redcap_repeat_instance",
    "redcap_data_access_group",
    "redcap_survey_identifier",
];
pub const ID_HEADINGS: &[&str] = &[
    "Respondent ID",
    "ResponseId",
    "ResponseID",
    "_uuid",
    "id",
    "record_id",
];

/// A bookkeeping column of the platform (dates, ids, status, timings): neither a question nor
/// personal data.
pub fn is_bookkeeping(c: &ExportColumn) -> bool {
    let h = c.heading.trim();
    // REDCap form status and timestamp columns; LimeSurvey's metadata.
    // A LimeSurvey column with localised heading carries its metadata code as its key.
    let lime_key = c
        .key
        .as_deref()
        .is_some_and(|k| super::limesurvey::METADATA.contains(&k));
    lime_key
        || c.sublabel.is_empty()
            && (META_HEADINGS.contains(&h)
                || super::googleforms::TIMESTAMP.contains(&h)
                || h.ends_with("_complete")
                || h.ends_with("_timestamp")
                || super::limesurvey::METADATA.contains(&h))
}

/// A platform column that identifies people, by its heading alone.
pub fn is_pii_heading(c: &ExportColumn) -> bool {
    let key = c.key.as_deref().unwrap_or("");
    (c.sublabel.is_empty() && PII_HEADINGS.contains(&c.heading.trim()))
        || matches!(key, "ipaddr" | "refurl")
}
