// name: people-teams
// description: People and the teams or organisations they belong to or lead, with how many sentences support it.
MATCH (p:Person)-[r:MEMBER_OF|LEADS|AFFILIATED_WITH]->(o:Organization)
OPTIONAL MATCH (o)-[:PART_OF]->(parent:Organization)
RETURN p.name AS person, type(r) AS relation, o.name AS team, parent.name AS partOf, r.support AS evidence, r.evidenceSentences[0] AS example
ORDER BY team, person
LIMIT 500
