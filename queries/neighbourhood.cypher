// name: neighbourhood
// description: An entity and everything it is directly related to (mentions excluded), as a graph.
// param: name string Anthropic
// param: limit int 50
MATCH (e:Entity)
WHERE toLower(e.name) = toLower($name) OR any(a IN e.aliases WHERE toLower(a) = toLower($name))
MATCH path = (e)-[r]-(n)
WHERE type(r) <> 'MENTIONS' AND type(r) <> 'HAS_PASSAGE'
RETURN path
LIMIT toInteger($limit)
