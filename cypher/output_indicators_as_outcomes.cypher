// name: output_indicators_as_outcomes
// finding: Indikator output pada sasaran outcome
// finding description: Indikator sasaran outcome (visi, misi, tujuan, sasaran) yang rumusannya berbunyi output,
// finding description: misalnya "jumlah kegiatan terlaksana".
// finding order: 130
// finding column id Indicator: ID
// finding column name: Indikator
// finding column goal_id Goal: Sasaran
// finding column goal_level: Level sasaran
// finding column matched: Kata output
// param datasets: list? Versions to read (dataset keys); absent: the latest of each Pemda (docs/versions.md).
// const outcome_levels
// Output-type indicators labelled as outcomes.
// Indicators measuring an outcome-level goal (visi, misi, tujuan, sasaran) whose name reads as an output
// ("jumlah kegiatan terlaksana", "persentase dokumen tersusun"): it contains, as a whole word or phrase and
// in any case, one of the words in `output_words` at the top of the query. Extend that list to catch more
// (plain words or phrases, matched literally). A bare 'jumlah' is deliberately not in it: count-type outcome
// indicators ("Jumlah kunjungan wisatawan", "Jumlah kasus kekerasan terhadap perempuan dan anak") would
// match; the output nouns and verbs after it ("Jumlah kegiatan sosialisasi yang terlaksana") are what give it
// away. Output indicators of a program, kegiatan or sub-kegiatan (indikator keluaran, measuring an
// Activity) are what those should have: never a finding here.
// Rows: id, name, goal_id, goal_level, matched (the words of the list found in the name, in list order); one
// row per indicator and measured goal, sorted by goal_id, id.
WITH ['terlaksananya', 'terlaksana', 'dilaksanakan', 'terselenggaranya', 'terselenggara', 'tersusunnya',
      'tersusun', 'disusun', 'tersedianya', 'persentase dokumen', 'dokumen', 'laporan', 'kegiatan', 'rapat',
      'sosialisasi', 'pelatihan', 'bimbingan teknis', 'bimtek'] AS output_words
// the outcome goals of the versions read: all, or each version's
CALL (output_words) {
  UNWIND CASE WHEN $datasets IS NULL THEN [true] ELSE [] END AS everything
  MATCH (g:Goal)
  WHERE g.level IN $outcome_levels
  RETURN g
  UNION ALL
  UNWIND $datasets AS dataset
  WITH DISTINCT dataset
  // the version's outcome goals from the index on (level, dataset)
  MATCH (g:Goal)
  USING INDEX g:Goal(level, dataset)
  WHERE g.level IN $outcome_levels AND g.dataset = dataset
  RETURN g
}
MATCH (g)-[:MEASURED_BY]->(i:Indicator)
WITH i, g, [word IN output_words WHERE i.name =~ ('(?is).*\\b\\Q' + word + '\\E\\b.*')] AS matched
WHERE size(matched) > 0
RETURN i.id AS id, i.name AS name, g.id AS goal_id, g.level AS goal_level, matched
ORDER BY goal_id, id
