System.Console.WriteLine("work");
