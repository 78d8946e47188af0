/// The one list of checks, in the order they run. Order matters: types are parsed before codes
/// are looked up on the record's date, codes before the personal ID is compared with sex, and
/// uniqueness last, so that it knows whether the row is rejected (see `KeyOwner`).
public enum CheckRegistry {
    public static var all: [any RowCheck.Type] {
        [
        RequiredCheck.self, TypeCheck.self, CodeListCheck.self, NameCodeCheck.self, PersonalIDCheck.self,
        TaxCodeCheck.self, PhoneCheck.self, EmailCheck.self, ConstraintCheck.self, PlausibilityCheck.self,
        TimelinessCheck.self, UniquenessCheck.self, OutlierCheck.self,
        ]
    }

    /// Fresh instances for one unit and dataset (some checks keep state across rows).
    public static func makeChecks(for schema: DatasetSchema) -> [any RowCheck] {
        all.map { $0.init(schema: schema) }
    }
}
