// name: concept-sources
// description: Where a concept (or any entity) comes from: each document and passage that mentions it, with the character span of the mention.
// param: name string sparse autoencoders
MATCH (e:Entity)
WHERE toLower(e.name) = toLower($name) OR any(a IN e.aliases WHERE toLower(a) = toLower($name))
MATCH (d:Document)-[:HAS_PASSAGE]->(p:Passage)-[m:MENTIONS]->(e)
RETURN e.name AS entity, e.type AS type, d.title AS document, d.source AS source, p.id AS passage,
       m.start AS start, m.end AS end, m.text AS mention,
       substring(d.text, p.start, p.end - p.start) AS passageText
ORDER BY document, start
LIMIT 200
