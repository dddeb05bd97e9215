// name: top-entities
// description: The most connected entities, counting each work once (near-duplicate versions of one post are one work).
// param: type string
// param: limit int 25
MATCH (e:Entity)
WHERE $type IS NULL OR $type = '' OR e.type = $type
RETURN e.name AS name, e.type AS type, e.degree AS degree, e.works AS works, e.mentions AS mentions, e.aliases AS aliases
ORDER BY e.degree DESC, e.works DESC, e.name
LIMIT toInteger($limit)
