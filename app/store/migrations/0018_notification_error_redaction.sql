-- Issue 18: the delivery log, which every member of an installation reads, kept the receiver's
-- answer ("HTTP 500: <the page of whatever answered>") and aiohttp's exception texts, which
-- hold the request URL with Jenkins' ?token=. The sender now records the status and a reason
-- of its own words; the rows recorded before get the same treatment: the status without the
-- answer, the exception's class without its text, and no URL query, fragment or userinfo.

CREATE FUNCTION pg_temp.vibe_redacted_error(error TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
    SELECT regexp_replace(
        regexp_replace(
            regexp_replace(
                regexp_replace(
                    error,
                    '^((crumb issuer: )?HTTP [0-9]{3}): .*$',
                    '\1'
                ),
                '^((crumb issuer: )?)([A-Za-z]*(Error|Exception|Timeout)[A-Za-z]*): .*$',
                '\1the request failed (\3)'
            ),
            '(://)[^/\s''"@]*@',
            '\1',
            'g'
        ),
        '(://[^\s''"?#]*)[?#][^\s''"]*',
        '\1',
        'g'
    )
$$;

UPDATE notification_attempts
SET error = pg_temp.vibe_redacted_error(error)
WHERE error IS DISTINCT FROM pg_temp.vibe_redacted_error(error);

UPDATE notification_deliveries
SET last_error = pg_temp.vibe_redacted_error(last_error)
WHERE last_error IS DISTINCT FROM pg_temp.vibe_redacted_error(last_error);

DROP FUNCTION pg_temp.vibe_redacted_error(TEXT);
