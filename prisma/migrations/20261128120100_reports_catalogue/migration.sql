-- Reports subgraph: the initial catalogue of report categories (data, not schema). Reference data every
-- environment needs — production included — so it ships as a migration rather than as demo seed data.
-- Ids are fixed UUIDv7 literals so that every database names the same category with the same id.
-- Later changes to the catalogue go in new migrations (or through the staff operations), never here.

-- Services that handle reports. Codes equal the `service` claim of their staff on MonStrasbourg.eu.
INSERT INTO "reports"."responsible_service" ("code", "name") VALUES
    ('DMEPN', 'Direction mobilité, espaces publics et naturels'),
    ('PROPRETE', 'Service propreté urbaine de l''Eurométropole'),
    ('ECLAIRAGE', 'Service éclairage public'),
    ('SCHILTIGHEIM-ST', 'Services techniques de la Ville de Schiltigheim'),
    ('ILLKIRCH-ST', 'Services techniques de la Ville d''Illkirch-Graffenstaden');

-- Categories (Open311 services).
INSERT INTO "reports"."report_category"
    ("id", "code", "name", "description", "group_name", "keywords", "default_service_code", "anonymous_allowed",
     "expected_resolution_days", "service_notice", "position")
VALUES
    ('01936b2e-0000-7000-8000-000000000101', 'chaussee-degradee', 'Chaussée ou trottoir dégradé',
     'Nid-de-poule, affaissement, revêtement arraché sur la chaussée ou le trottoir.', 'Voirie',
     ARRAY['nid-de-poule', 'trou', 'trottoir', 'route'], 'DMEPN', false, 30,
     'La DMEPN sécurise le lieu si nécessaire, puis programme la réparation.', 1),
    ('01936b2e-0000-7000-8000-000000000102', 'eclairage-public', 'Éclairage public en panne',
     'Lampadaire éteint, qui clignote ou reste allumé en journée.', 'Éclairage',
     ARRAY['lampadaire', 'candélabre', 'lumière', 'panne'], 'ECLAIRAGE', true, 15,
     'Une équipe de maintenance intervient lors de sa prochaine tournée dans le secteur.', 2),
    ('01936b2e-0000-7000-8000-000000000103', 'depot-sauvage', 'Dépôt sauvage de déchets',
     'Déchets, encombrants ou gravats abandonnés sur l''espace public.', 'Propreté',
     ARRAY['déchets', 'encombrants', 'ordures', 'gravats'], 'PROPRETE', true, 7,
     'Le service propreté enlève le dépôt et recherche son auteur quand c''est possible.', 3),
    ('01936b2e-0000-7000-8000-000000000104', 'tag-graffiti', 'Tag ou graffiti',
     'Tag ou graffiti sur un bâtiment public ou du mobilier urbain.', 'Propreté',
     ARRAY['tag', 'graffiti', 'inscription'], 'PROPRETE', true, 21,
     'Les tags injurieux sont effacés en priorité.', 4),
    ('01936b2e-0000-7000-8000-000000000105', 'espaces-verts', 'Arbre ou espace vert abîmé',
     'Arbre cassé ou dangereux, pelouse ou massif dégradé, aire de jeux abîmée dans un parc.', 'Espaces verts',
     ARRAY['arbre', 'parc', 'jardin', 'pelouse'], 'DMEPN', false, 30, NULL, 5),
    ('01936b2e-0000-7000-8000-000000000106', 'mobilier-urbain', 'Mobilier urbain endommagé',
     'Banc, poubelle, potelet, arceau vélo ou abribus endommagé.', 'Voirie',
     ARRAY['banc', 'poubelle', 'abribus', 'potelet'], 'DMEPN', true, NULL, NULL, 6),
    ('01936b2e-0000-7000-8000-000000000107', 'signalisation', 'Feu tricolore ou panneau défectueux',
     'Feu tricolore en panne, panneau tombé ou illisible, marquage au sol effacé.', 'Voirie',
     ARRAY['feu', 'panneau', 'signalisation', 'marquage'], 'DMEPN', true, 7,
     'Un feu en panne à un carrefour est traité en urgence.', 7);

-- Attributes (Open311 service definitions). Options of list datatypes as [{key, name}].
INSERT INTO "reports"."report_category_attribute"
    ("id", "category_id", "code", "datatype", "required", "variable", "description", "datatype_description",
     "position", "options")
VALUES
    ('01936b2e-0000-7000-8000-000000000201', '01936b2e-0000-7000-8000-000000000101', 'taille', 'singlevaluelist',
     true, true, 'Quelle est la taille du trou ou de la dégradation ?', NULL, 1,
     '[{"key":"petit","name":"Moins de 30 cm"},{"key":"moyen","name":"De 30 cm à 1 m"},{"key":"grand","name":"Plus d''un mètre"}]'),
    ('01936b2e-0000-7000-8000-000000000202', '01936b2e-0000-7000-8000-000000000101', 'danger', 'singlevaluelist',
     false, true, 'La dégradation présente-t-elle un danger immédiat pour les piétons, cyclistes ou véhicules ?', NULL, 2,
     '[{"key":"oui","name":"Oui"},{"key":"non","name":"Non"}]'),
    ('01936b2e-0000-7000-8000-000000000203', '01936b2e-0000-7000-8000-000000000102', 'type_panne', 'singlevaluelist',
     true, true, 'Que constatez-vous ?', NULL, 1,
     '[{"key":"eteint","name":"Éteint"},{"key":"clignote","name":"Clignote"},{"key":"allume_jour","name":"Allumé en journée"}]'),
    ('01936b2e-0000-7000-8000-000000000204', '01936b2e-0000-7000-8000-000000000102', 'numero_candelabre', 'string',
     false, true, 'Numéro inscrit sur le lampadaire, s''il est lisible.', 'Par exemple : 67482-0153', 2, '[]'),
    ('01936b2e-0000-7000-8000-000000000205', '01936b2e-0000-7000-8000-000000000103', 'volume', 'singlevaluelist',
     true, true, 'Quel est le volume du dépôt ?', NULL, 1,
     '[{"key":"sac","name":"Quelques sacs"},{"key":"encombrant","name":"Un ou plusieurs encombrants"},{"key":"camionnette","name":"Une camionnette ou plus"}]'),
    ('01936b2e-0000-7000-8000-000000000206', '01936b2e-0000-7000-8000-000000000103', 'nature', 'multivaluelist',
     false, true, 'De quoi le dépôt est-il composé ?', 'Plusieurs choix possibles', 2,
     '[{"key":"menagers","name":"Déchets ménagers"},{"key":"gravats","name":"Gravats"},{"key":"electromenager","name":"Électroménager"},{"key":"vegetaux","name":"Déchets verts"},{"key":"pneus","name":"Pneus"}]'),
    ('01936b2e-0000-7000-8000-000000000207', '01936b2e-0000-7000-8000-000000000103', 'estimation_m3', 'number',
     false, true, 'Volume estimé en mètres cubes.', 'Un nombre, par exemple 1.5', 3, '[]'),
    ('01936b2e-0000-7000-8000-000000000208', '01936b2e-0000-7000-8000-000000000104', 'support', 'singlevaluelist',
     true, true, 'Sur quoi se trouve le tag ?', NULL, 1,
     '[{"key":"batiment_public","name":"Bâtiment public"},{"key":"mobilier","name":"Mobilier urbain"},{"key":"facade_privee","name":"Façade privée visible de la rue"}]'),
    ('01936b2e-0000-7000-8000-000000000209', '01936b2e-0000-7000-8000-000000000104', 'surface_m2', 'number',
     false, true, 'Surface approximative en mètres carrés.', 'Un nombre', 2, '[]'),
    ('01936b2e-0000-7000-8000-000000000210', '01936b2e-0000-7000-8000-000000000104', 'consigne', 'text',
     false, false, 'Les tags sur une façade privée sont effacés gratuitement avec l''accord écrit du propriétaire.', NULL, 3, '[]'),
    ('01936b2e-0000-7000-8000-000000000211', '01936b2e-0000-7000-8000-000000000105', 'constate_le', 'datetime',
     false, true, 'Quand avez-vous constaté le problème ?', 'Date et heure ISO 8601, par exemple 2026-11-28T09:30:00+01:00', 1, '[]'),
    ('01936b2e-0000-7000-8000-000000000212', '01936b2e-0000-7000-8000-000000000105', 'precisions', 'text',
     false, true, 'Précisions utiles aux équipes (essence de l''arbre, accès, …).', NULL, 2, '[]'),
    ('01936b2e-0000-7000-8000-000000000213', '01936b2e-0000-7000-8000-000000000107', 'equipement', 'singlevaluelist',
     true, true, 'Quel équipement est concerné ?', NULL, 1,
     '[{"key":"feu","name":"Feu tricolore"},{"key":"panneau","name":"Panneau"},{"key":"marquage","name":"Marquage au sol"}]');

-- Routing exceptions: public lighting in Schiltigheim and Illkirch-Graffenstaden is the commune's own.
INSERT INTO "reports"."report_routing_rule" ("id", "category_id", "commune_insee_code", "service_code") VALUES
    ('01936b2e-0000-7000-8000-000000000301', '01936b2e-0000-7000-8000-000000000102', '67447', 'SCHILTIGHEIM-ST'),
    ('01936b2e-0000-7000-8000-000000000302', '01936b2e-0000-7000-8000-000000000102', '67218', 'ILLKIRCH-ST');
