-- claim_span_outside_text: claims whose span is empty, reversed, or runs past their article's text.
SELECT c.claim_id, c.article_id, c.span_start, c.span_end, length(a.text) AS text_chars
FROM claims AS c
JOIN articles AS a USING (article_id)
WHERE c.span_start IS NULL OR c.span_end IS NULL
   OR c.span_start < 0 OR c.span_end <= c.span_start OR c.span_end > length(a.text)
ORDER BY c.claim_id;
