import Foundation
import KhoCore

exit(CommandRunner.main(.bundle))
