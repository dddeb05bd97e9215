// name: papers-authors
// description: Papers and posts with the people who wrote them and the documents that cite them.
MATCH (paper:Paper)
OPTIONAL MATCH (author:Person)-[:AUTHORED]->(paper)
OPTIONAL MATCH (d:Document)-[:CITES|LINKS_TO]->(paper)
RETURN paper.name AS paper, collect(DISTINCT author.name) AS authors, count(DISTINCT d) AS citedBy, paper.works AS works
ORDER BY works DESC, paper
LIMIT 500
